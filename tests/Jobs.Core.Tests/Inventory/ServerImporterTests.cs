using System.Text;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Inventory;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Tests.Inventory;

public sealed class ServerImporterTests : IAsyncLifetime
{
    private static readonly Actor Operator = new("alice", "127.0.0.1");
    private readonly ManualClock _clock = new();
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ServerImportResult> ImportAsync(string csv, ImportOptions? options = null)
    {
        await using var ctx = _db.CreateContext();
        var importer = new ServerImporter(ctx, _clock, Options.Create(options ?? new ImportOptions()));
        return await importer.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Operator);
    }

    private async Task<List<Server>> ServersAsync()
    {
        await using var ctx = _db.CreateContext();
        return await ctx.Servers.Include(s => s.Tags).OrderBy(s => s.Hostname).ToListAsync();
    }

    private const string Good = """
        hostname,ip,idc,env,app,role,os,status,owner,tags
        web-01,10.0.0.1,SH1,prod,order-api,web,ubuntu-22.04,online,trade,canary;PCI
        "web-02",10.0.0.2,SH1,prod,order-api,web,"ubuntu-22.04",maintenance,"Trade, Core",
        DB-01,10.0.0.3,BJ1,uat,db-order,db,rocky-9,Offline,"multi
        line owner",legacy

        """;

    [Fact]
    public async Task Import_GoodFile_InsertsEveryRowWithTagsAndAudit()
    {
        var result = await ImportAsync(Good);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((3, 0, 0), (result.Inserted, result.Updated, result.Unchanged));
        var servers = await ServersAsync();
        Assert.Equal(["db-01", "web-01", "web-02"], servers.Select(s => s.Hostname));
        var web1 = servers[1];
        Assert.Equal(["canary", "pci"], web1.Tags.Select(t => t.Name).Order());
        Assert.Equal(ServerStatus.Maintenance, servers[2].Status);
        Assert.Equal("Trade, Core", servers[2].Owner);
        Assert.Equal("multi\nline owner", servers[0].Owner);
        Assert.Equal(ServerStatus.Offline, servers[0].Status);
        Assert.All(servers, s => Assert.False(s.IsDemo));

        await using var ctx = _db.CreateContext();
        var audit = Assert.Single(await ctx.AuditEntries.ToListAsync());
        Assert.Equal(("alice", ServerImporter.AuditAction, "127.0.0.1"), (audit.Actor, audit.Action, audit.ClientIp));
        Assert.Contains("3 inserted", audit.Detail);
    }

    [Fact]
    public async Task Import_ColumnsInAnyOrderWithCrLfAndBom_Accepted()
    {
        var csv = "\uFEFFApp , IDC,hostname,env,ip\r\npay-api,SH2,pay-01,prod,10.1.0.1\r\npay-api,SH2,pay-02,prod,fe80::1\r\n";

        var result = await ImportAsync(csv);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var servers = await ServersAsync();
        Assert.Equal(2, servers.Count);
        Assert.All(servers, s => Assert.Equal(("pay-api", "SH2", ServerStatus.Online, ""), (s.App, s.Idc, s.Status, s.Owner)));
    }

    [Fact]
    public async Task Import_SameHostnamesAgain_UpsertsAndLeavesAbsentColumnsAlone()
    {
        await ImportAsync(Good);
        _clock.Advance(TimeSpan.FromHours(1));

        var result = await ImportAsync("""
            hostname,ip,idc,env,app,status
            web-01,10.0.0.1,SH1,prod,order-api,online
            web-02,10.0.0.22,SH2,prod,order-api,online
            web-03,10.0.0.4,SH1,prod,order-api,
            """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal((1, 1, 1), (result.Inserted, result.Updated, result.Unchanged));
        var servers = (await ServersAsync()).ToDictionary(s => s.Hostname);
        Assert.Equal(4, servers.Count);
        // web-01 equal: untouched, tags and owner kept.
        Assert.Equal(new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc), servers["web-01"].UpdatedAt);
        Assert.Equal(["canary", "pci"], servers["web-01"].Tags.Select(t => t.Name).Order());
        // web-02 changed ip/idc/status; owner/role/os/tags were not in the file so they stay.
        Assert.Equal(("10.0.0.22", "SH2", ServerStatus.Online, "Trade, Core", "web"),
            (servers["web-02"].Ip, servers["web-02"].Idc, servers["web-02"].Status, servers["web-02"].Owner, servers["web-02"].Role));
        Assert.Equal(new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc), servers["web-02"].UpdatedAt);
        Assert.Equal(ServerStatus.Online, servers["web-03"].Status);
    }

    [Fact]
    public async Task Import_TagsColumnEmpty_RemovesTags()
    {
        await ImportAsync(Good);

        var result = await ImportAsync("hostname,ip,idc,env,app,tags\nweb-01,10.0.0.1,SH1,prod,order-api,\n");

        Assert.Equal(1, result.Updated);
        Assert.Empty((await ServersAsync()).Single(s => s.Hostname == "web-01").Tags);
    }

    [Theory]
    [InlineData("hostname,ip,idc,env\nweb-01,10.0.0.1,SH1,prod\n", "line 1: the header lacks the required column app")]
    [InlineData("hostname,ip,idc,env,app,colour,Zone\n", "line 1: unknown columns 'colour', 'Zone' in the header; known columns: hostname, ip, idc, env, app, role, os, status, owner, tags")]
    [InlineData("hostname,ip,idc,env,app,ip\n", "line 1: column 'ip' appears twice in the header")]
    [InlineData("web-01,10.0.0.1,SH1,prod,order-api\n", "line 1: unknown columns 'web-01', '10.0.0.1', 'SH1', 'prod', 'order-api'")]
    [InlineData("", "The file is empty; the first line must be a header")]
    [InlineData("hostname,ip,idc,env,app\n", "The file has a header but no data rows.")]
    public async Task Import_BadHeader_ReportsItAndWritesNothing(string csv, string error)
    {
        var result = await ImportAsync(csv);

        Assert.False(result.Succeeded);
        Assert.StartsWith(error, result.Errors[0].ToString());
        Assert.Empty(await ServersAsync());
    }

    [Fact]
    public async Task Import_BadRows_ListsEachWithItsLineAndWritesNothing()
    {
        var csv = """
            hostname,ip,idc,env,app,status,tags
            ok-01,10.0.0.1,SH1,prod,a,online,
            bad host,10.0.0.2,SH1,prod,a,online,
            ok-02,10.0.0.300,SH1,prod,a,online,
            ok-03,10.0.0.3,,prod,a,online,
            ok-04,10.0.0.4,SH1,prod,a,up,
            ok-05,10.0.0.5,SH1,prod,a
            "ok-06",10.0.0.6,SH1,prod,"a
            b",online,"with space"
            ok-07,10.0.0.7,SH1,prod,a,online,x;y
            OK-01,10.0.0.8,SH1,prod,a,online,
            """;

        var result = await ImportAsync(csv);

        Assert.False(result.Succeeded);
        Assert.Equal([
            "line 3: hostname 'bad host' is not a valid host name (letters, digits, '-', '_' and '.')",
            "line 4: ip '10.0.0.300' is not an IPv4 or IPv6 address",
            "line 5: idc is empty",
            "line 6: status 'up' is not online, offline or maintenance",
            "line 7: expected 7 fields like the header, found 5",
            "line 8: tag 'with space' must be at most 64 characters without spaces or commas",
            "line 11: hostname 'ok-01' already appears on line 2",
        ], result.Errors.Select(e => e.ToString()));
        Assert.Empty(await ServersAsync());
        await using var ctx = _db.CreateContext();
        Assert.Empty(await ctx.AuditEntries.ToListAsync());
    }

    [Theory]
    [InlineData("hostname,ip,idc,env,app\n\"web-01,10.0.0.1,SH1,prod,a\n", "line 2: a quoted field is not closed")]
    [InlineData("hostname,ip,idc,env,app\nweb-01,10.0.0.1,\"SH1\"x,prod,a\n", "line 2: unexpected text after a closing quote")]
    [InlineData("hostname,ip,idc,env,app\nweb-01,10.0.0.1,S\"H1,prod,a\n", "line 2: a quote inside an unquoted field")]
    public async Task Import_MalformedCsv_ReportsLine(string csv, string error)
    {
        var result = await ImportAsync(csv);

        Assert.StartsWith(error, Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public async Task Import_DuplicateHostnamesInFile_AllReported()
    {
        var result = await ImportAsync("hostname,ip,idc,env,app\na-1,10.0.0.1,X,p,a\nb-1,10.0.0.2,X,p,a\nA-1,10.0.0.3,X,p,a\na-1,10.0.0.4,X,p,a\n");

        Assert.Equal(["line 4: hostname 'a-1' already appears on line 2", "line 5: hostname 'a-1' already appears on line 2"],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public async Task Import_LargerThanByteLimit_RefusedWithClearMessage()
    {
        var csv = "hostname,ip,idc,env,app\n" + string.Concat(Enumerable.Range(1, 200).Select(i => $"h-{i},10.0.{i / 250}.{i % 250 + 1},X,p,a\n"));

        var result = await ImportAsync(csv, new ImportOptions { MaxBytes = 2048 });

        Assert.True(result.TooLarge);
        Assert.Equal("The file is larger than the import limit of 2 KB (Jobs:Import:MaxBytes).", Assert.Single(result.Errors).Message);
        Assert.Empty(await ServersAsync());
    }

    [Fact]
    public async Task Import_MoreRowsThanLimit_RefusedWithClearMessage()
    {
        var csv = "hostname,ip,idc,env,app\n" + string.Concat(Enumerable.Range(1, 11).Select(i => $"h-{i},10.0.0.{i},X,p,a\n"));

        var result = await ImportAsync(csv, new ImportOptions { MaxRows = 10 });

        Assert.True(result.TooLarge);
        Assert.Equal("The file has more than 10 data rows, the import limit (Jobs:Import:MaxRows).", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Import_ManyBadRows_ReportsFirstHundredAndCountsTheRest()
    {
        var csv = "hostname,ip,idc,env,app\n" + string.Concat(Enumerable.Range(1, 150).Select(i => $"h-{i},nope,X,p,a\n"));

        var result = await ImportAsync(csv);

        Assert.Equal(ServerImporter.MaxReportedErrors, result.Errors.Count);
        Assert.Equal(50, result.MoreErrors);
    }

    [Fact]
    public async Task Import_NotUtf8_Refused()
    {
        await using var ctx = _db.CreateContext();
        var importer = new ServerImporter(ctx, _clock, Options.Create(new ImportOptions()));
        var bytes = Encoding.Latin1.GetBytes("hostname,ip,idc,env,app\nh-1,10.0.0.1,X,p,caf\u00e9\n");

        var result = await importer.ImportAsync(new MemoryStream(bytes), Operator);

        Assert.StartsWith("The file is not UTF-8 text", Assert.Single(result.Errors).Message);
    }
}
