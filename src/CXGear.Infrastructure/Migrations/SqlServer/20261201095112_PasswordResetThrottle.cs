using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CXGear.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PasswordResetThrottle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PasswordResetThrottles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SentAt1 = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt2 = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt3 = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt4 = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SentAt5 = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PasswordResetThrottles", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_PasswordResetThrottles_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PasswordResetThrottles");
        }
    }
}
