using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CXGear.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IngestWebhookSwitch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IngestWebhookDisabled",
                table: "DataTables",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IngestWebhookDisabled",
                table: "DataTables");
        }
    }
}
