using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Postgres.Migrations
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
                    JobId = table.Column<long>(type: "bigint", nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                DROP TABLE IF EXISTS qrtz_fired_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_simple_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_simprop_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_cron_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_blob_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_triggers CASCADE;
                DROP TABLE IF EXISTS qrtz_job_details CASCADE;
                DROP TABLE IF EXISTS qrtz_calendars CASCADE;
                DROP TABLE IF EXISTS qrtz_paused_trigger_grps CASCADE;
                DROP TABLE IF EXISTS qrtz_scheduler_state CASCADE;
                DROP TABLE IF EXISTS qrtz_locks CASCADE;
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
