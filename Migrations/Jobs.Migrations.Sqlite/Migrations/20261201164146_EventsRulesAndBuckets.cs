using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jobs.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EventsRulesAndBuckets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Match = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Variables = table.Column<string>(type: "TEXT", nullable: false),
                    BucketCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketRefill = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketIntervalSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequireApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventRules_JobTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "JobTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Time = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RuleBuckets",
                columns: table => new
                {
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Tokens = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleBuckets", x => new { x.RuleId, x.Key });
                    table.ForeignKey(
                        name: "FK_RuleBuckets_EventRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "EventRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventRuleResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Variables = table.Column<string>(type: "TEXT", nullable: true),
                    BucketKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    JobId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventRuleResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventRuleResults_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventRuleResults_EventId",
                table: "EventRuleResults",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_EventRuleResults_RuleId_EventId",
                table: "EventRuleResults",
                columns: new[] { "RuleId", "EventId" });

            migrationBuilder.CreateIndex(
                name: "IX_EventRules_EventType_Enabled",
                table: "EventRules",
                columns: new[] { "EventType", "Enabled" });

            migrationBuilder.CreateIndex(
                name: "IX_EventRules_TemplateId",
                table: "EventRules",
                column: "TemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Outcome_ReceivedAt",
                table: "Events",
                columns: new[] { "Outcome", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_ReceivedAt",
                table: "Events",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Events_Type_ReceivedAt",
                table: "Events",
                columns: new[] { "Type", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventRuleResults");

            migrationBuilder.DropTable(
                name: "RuleBuckets");

            migrationBuilder.DropTable(
                name: "Events");

            migrationBuilder.DropTable(
                name: "EventRules");
        }
    }
}
