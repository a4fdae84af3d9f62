using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CXGear.Infrastructure.Migrations.SqlServer
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
                type: "bit",
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
