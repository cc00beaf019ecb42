using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Arch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PauseAfterBatch",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PauseAfterBatch",
                table: "Jobs");
        }
    }
}
