using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Jobs.Core.Inventory;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Servers;

public sealed class ServersPageTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _app = new JobsWebFactory(_db, new Dictionary<string, string?> { ["Jobs:Demo:SeedServers"] = "300" });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Index_Default_ShowsCountGroupsPagedTableAndDemoMarker()
    {
        var response = await _client.GetAsync("/servers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HtmlAsync(response);
        Assert.Contains("300", doc.QuerySelector("[data-testid=match-count]")!.TextContent);
        Assert.Equal(50, doc.QuerySelectorAll("table.servers-table tbody tr").Length);
        Assert.Equal(50, doc.QuerySelectorAll(".demo-badge").Length);
        Assert.NotNull(doc.QuerySelector("[data-testid=demo-note]"));
        Assert.Equal(3, doc.QuerySelectorAll("[data-testid=groups-env] .group-chip").Length);
        Assert.Equal(4, doc.QuerySelectorAll("[data-testid=groups-idc] .group-chip").Length);
        Assert.Contains("servers", doc.QuerySelector(".nav-link.active")!.TextContent, StringComparison.OrdinalIgnoreCase);
        // The one pager of every list (issue 10): page 1 of 6.
        Assert.Equal("1", doc.QuerySelector(".pagination .active")!.TextContent.Trim());
        Assert.Equal("6", doc.QuerySelectorAll(".pagination .page-link").Select(a => a.TextContent.Trim()).Where(t => int.TryParse(t, out _)).Last());
    }

    [Fact]
    public async Task Index_FilterAndPage_ShowsMatchingServersAndDrillDownLinks()
    {
        const string filter = "env = prod and tag = canary";
        var expected = DemoInventory.Generate(300, DateTime.UnixEpoch).Count(Jobs.Core.Filtering.HostFilter.Parse(filter).Matches);

        var doc = await HtmlAsync(await _client.GetAsync("/servers?filter=" + Uri.EscapeDataString(filter)));

        Assert.Contains(expected.ToString(), doc.QuerySelector("[data-testid=match-count]")!.TextContent);
        Assert.Equal(Math.Min(expected, 50), doc.QuerySelectorAll("table.servers-table tbody tr").Length);
        var idcLink = doc.QuerySelectorAll<IHtmlAnchorElement>("[data-testid=groups-idc] a").First();
        Assert.Contains(Uri.EscapeDataString("env = prod and tag = canary and idc = "), idcLink.Href.Replace("+", "%20"));
    }

    [Theory]
    [InlineData("env=prod and idc=", "at character 18: expected a value after &#x27;=&#x27;")]
    [InlineData("env = prod and (idc = SH1", "at character 26: expected &#x27;)&#x27; to close the &#x27;(&#x27; at character 16")]
    [InlineData("hostname ~ \"[\"", "invalid regular expression")]
    public async Task Index_BadFilter_ShowsParserMessageInlineNotAnError(string filter, string message)
    {
        var response = await _client.GetAsync("/servers?filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.NotNull(doc.QuerySelector("#filter.is-invalid"));
        Assert.Equal(filter, doc.QuerySelector<IHtmlInputElement>("#filter")!.Value);
        Assert.NotNull(doc.QuerySelector("[data-testid=filter-error] mark"));
        Assert.Null(doc.QuerySelector("table.servers-table"));
    }

    [Fact]
    public async Task Import_WithoutAntiforgeryToken_IsRejected()
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent("hostname,ip,idc,env,app\nx-1,10.9.9.9,SH1,prod,a\n"u8.ToArray()), "File", "servers.csv");

        var response = await _client.PostAsync("/servers/import", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var ctx = _db.CreateContext();
        Assert.False(await ctx.Servers.AnyAsync(s => s.Hostname == "x-1"));
    }

    [Fact]
    public async Task Import_BadRows_ShowsEachErrorWithItsLine()
    {
        var csv = "hostname,ip,idc,env,app,status\nx-1,10.9.9.9,SH1,prod,a,up\nx-2,10.9.9.10,,prod,a,online\n";

        var response = await PostImportAsync(csv);

        // Post/redirect/get (issue 9, item 15): back on /servers, where a reload does not re-post or answer 405.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/servers", response.Headers.Location?.OriginalString);
        var doc = await HtmlAsync(await _client.GetAsync("/servers"));
        var items = doc.QuerySelectorAll("[data-testid=import-errors] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["line 2: status 'up' is not online, offline or maintenance", "line 3: idc is empty"], items);
        Assert.Contains("show", doc.QuerySelector("#import")!.ClassName);
        await using var ctx = _db.CreateContext();
        Assert.Equal(300, await ctx.Servers.CountAsync());
    }

    [Fact]
    public async Task Import_BadHeader_ShowsWhatIsWrong()
    {
        var response = await PostImportAsync("host,ip\nx-1,10.9.9.9\n");

        var doc = await HtmlAsync(await _client.GetAsync(response.Headers.Location!.OriginalString));
        var text = doc.QuerySelector("[data-testid=import-errors]")!.TextContent;
        Assert.Contains("unknown column 'host'", text);
        Assert.Contains("lacks the required columns hostname, idc, env, app", text);
    }

    [Fact]
    public async Task Import_GoodFile_RedirectsWithMessageAndAudits()
    {
        var response = await PostImportAsync("hostname,ip,idc,env,app,tags\nx-1,10.9.9.9,SH1,prod,new-app,canary\n");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/servers", response.Headers.Location?.OriginalString);
        var page = await _client.GetAsync("/servers?filter=app%3Dnew-app");
        var doc = await HtmlAsync(page);
        Assert.Contains("Imported servers.csv: 1 new, 0 updated, 0 unchanged.", doc.QuerySelector(".alert-success")!.TextContent);
        Assert.Single(doc.QuerySelectorAll("table.servers-table tbody tr"));
        Assert.Empty(doc.QuerySelectorAll(".demo-badge"));
        await using var ctx = _db.CreateContext();
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == ServerImporter.AuditAction));
    }

    private async Task<HttpResponseMessage> PostImportAsync(string csv)
    {
        var page = await HtmlAsync(await _client.GetAsync("/servers"));
        var token = page.QuerySelector<IHtmlInputElement>("form[enctype='multipart/form-data'] input[name=__RequestVerificationToken]")!.Value;
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "servers.csv");
        return await _client.PostAsync("/servers/import", form);
    }
}
