using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: user, role, scope and key changes and exports are audited with the real user; the audit exports to Excel.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task UserAdministration_ThroughThePages_IsAuditedWithTheAdmin()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var admin = await TestUsers.SignInAsync(app, TestUsers.Admin);

        var users = await admin.GetPageAsync("/settings/users");
        var created = await admin.SubmitAsync(users.Form("form[action='/settings/users']"), new Dictionary<string, string>
        {
            ["UserName"] = "carol", ["Password"] = "carol-password-0001", ["Role"] = "Operator", ["Scope"] = "env=uat",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = await admin.GetPageAsync(created.Headers.Location!.ToString());
        var userUrl = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit.Form($"form[action='{userUrl}']"),
            new Dictionary<string, string> { ["Role"] = "Viewer", ["Scope"] = "" })).StatusCode);
        var withKey = await admin.SubmitAsync((await admin.GetPageAsync(userUrl)).Form($"form[action='{userUrl}/keys']"),
            new Dictionary<string, string> { ["name"] = "ci" });
        var page = await HtmlForms.ParseAsync(withKey);
        Assert.StartsWith("jobs_", page.QuerySelector("[data-testid=new-key] code")!.TextContent);

        var badScope = await admin.SubmitAsync((await admin.GetPageAsync(userUrl)).Form($"form[action='{userUrl}']"),
            new Dictionary<string, string> { ["Role"] = "Operator", ["Scope"] = "env = (" });
        Assert.Contains("The scope is not a valid filter", await badScope.Content.ReadAsStringAsync());

        await using var db = database.CreateContext();
        var rows = await db.AuditEntries.Where(a => a.Target == "user/carol").OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action, a.Detail }).ToListAsync();
        Assert.Collection(rows,
            r => { Assert.Equal(("admin", "user.create"), (r.Actor, r.Action)); Assert.Contains("scope 'env=uat'", r.Detail); },
            r => { Assert.Equal(("admin", "user.update"), (r.Actor, r.Action)); Assert.Equal("role Operator → Viewer; scope 'env=uat' → all servers", r.Detail); },
            r => Assert.Equal(("admin", "apikey.create"), (r.Actor, r.Action)));
    }

    [Fact]
    public async Task Exports_AreAudited_AndTheAuditExportsToExcel()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 3);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var job = await CreateAsync(client, Request("exported"));
        var id = job["id"]!.GetValue<long>();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/jobs/{id}/export")).StatusCode);
        var response = await client.GetAsync($"/audit/export?target={id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(database.Folder, "audit.xlsx");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var rows = JobPages.JobExportTests.Rows(wb, "Audit");
        Assert.Equal(["Time (UTC)", "Actor", "Action", "Target", "Detail", "Client IP"], rows[0].Select(c => JobPages.JobExportTests.Text(wb, c)));
        // Newest first: the export of the job, then its creation (the audit export is recorded after it was filtered).
        Assert.Equal(["job.export", "job.create"], rows.Skip(1).Select(r => JobPages.JobExportTests.Text(wb, r[2])));
        Assert.All(rows.Skip(1), r => Assert.Equal("api-key:bootstrap", JobPages.JobExportTests.Text(wb, r[1])));
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "audit.export" && a.Actor == "api-key:bootstrap"));
    }
}
