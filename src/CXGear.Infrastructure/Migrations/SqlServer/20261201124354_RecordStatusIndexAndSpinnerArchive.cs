using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CXGear.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecordStatusIndexAndSpinnerArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Spinners",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobRecords_JobId_Status_Sequence",
                table: "JobRecords",
                columns: new[] { "JobId", "Status", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JobRecords_JobId_Status_Sequence",
                table: "JobRecords");

            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Spinners");
        }
    }
}
