using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TemplateWebhooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "TemplateId",
                table: "NotificationWebhooks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NotificationWebhooks_TemplateId",
                table: "NotificationWebhooks",
                column: "TemplateId");

            migrationBuilder.AddForeignKey(
                name: "FK_NotificationWebhooks_JobTemplates_TemplateId",
                table: "NotificationWebhooks",
                column: "TemplateId",
                principalTable: "JobTemplates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_NotificationWebhooks_JobTemplates_TemplateId",
                table: "NotificationWebhooks");

            migrationBuilder.DropIndex(
                name: "IX_NotificationWebhooks_TemplateId",
                table: "NotificationWebhooks");

            migrationBuilder.DropColumn(
                name: "TemplateId",
                table: "NotificationWebhooks");
        }
    }
}
