using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CXGear.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Spinners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Spinners",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DataTableId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DraftDefinition = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ParentSpinnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    StartWhenField = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    StartWhenEquals = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    CurrentVersion = table.Column<int>(type: "int", nullable: false),
                    ScheduleCron = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ScheduleTimeZone = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ScheduleEnabled = table.Column<bool>(type: "bit", nullable: false),
                    ScheduleNextDueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Spinners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Spinners_DataTables_DataTableId",
                        column: x => x.DataTableId,
                        principalTable: "DataTables",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Spinners_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Spinners_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Spinners_Spinners_ParentSpinnerId",
                        column: x => x.ParentSpinnerId,
                        principalTable: "Spinners",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "SpinnerVersions",
                columns: table => new
                {
                    SpinnerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Definition = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PublishedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpinnerVersions", x => new { x.SpinnerId, x.Version });
                    table.ForeignKey(
                        name: "FK_SpinnerVersions_Spinners_SpinnerId",
                        column: x => x.SpinnerId,
                        principalTable: "Spinners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Spinners_DataTableId",
                table: "Spinners",
                column: "DataTableId");

            migrationBuilder.CreateIndex(
                name: "IX_Spinners_OrganizationId_ProjectId_CreatedAt",
                table: "Spinners",
                columns: new[] { "OrganizationId", "ProjectId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Spinners_ParentSpinnerId",
                table: "Spinners",
                column: "ParentSpinnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Spinners_ProjectId",
                table: "Spinners",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Spinners_ScheduleNextDueAt",
                table: "Spinners",
                column: "ScheduleNextDueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SpinnerVersions");

            migrationBuilder.DropTable(
                name: "Spinners");
        }
    }
}
