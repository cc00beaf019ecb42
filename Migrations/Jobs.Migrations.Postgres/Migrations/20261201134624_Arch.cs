using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Postgres.Migrations
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
                type: "integer",
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
