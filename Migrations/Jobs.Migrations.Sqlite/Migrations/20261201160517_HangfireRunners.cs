using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HangfireRunners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RunnerLeases",
                columns: table => new
                {
                    JobId = table.Column<long>(type: "INTEGER", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunnerLeases", x => x.JobId);
                    table.ForeignKey(
                        name: "FK_RunnerLeases_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Quartz is gone (ADR 0010): its tables, created by Quartz itself in the application database, go too.
            // Children before parents, so SQLite's foreign keys never see an orphan.
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_SIMPLE_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_SIMPROP_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_CRON_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_BLOB_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_TRIGGERS;
                DROP TABLE IF EXISTS QRTZ_JOB_DETAILS;
                DROP TABLE IF EXISTS QRTZ_CALENDARS;
                DROP TABLE IF EXISTS QRTZ_PAUSED_TRIGGER_GRPS;
                DROP TABLE IF EXISTS QRTZ_SCHEDULER_STATE;
                DROP TABLE IF EXISTS QRTZ_LOCKS;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Quartz's tables are not recreated: an older JOBS provisions them itself at start-up.
            migrationBuilder.DropTable(
                name: "RunnerLeases");
        }
    }
}
