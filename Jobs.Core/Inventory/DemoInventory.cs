using Jobs.Core.Domain;

namespace Jobs.Core.Inventory;

/// <summary>
/// Deterministic, realistic demo servers: 4 IDCs, prod/uat/test, ~40 application clusters of very different sizes,
/// a few hosts offline or in maintenance, canary/pci/gpu/legacy tags. The same count always gives the same servers.
/// </summary>
public static class DemoInventory
{
    public static readonly IReadOnlyList<string> Idcs = ["SH1", "SH2", "BJ1", "GZ1"];

    // name, role, owner, weight (relative cluster size), tag for the whole cluster or null.
    private static readonly (string App, string Role, string Owner, int Weight, string? Tag)[] Apps =
    [
        ("order-api", "api", "trade", 90, null), ("pay-api", "api", "payments", 70, "pci"), ("cart-api", "api", "trade", 55, null),
        ("user-svc", "api", "identity", 60, null), ("auth-svc", "api", "identity", 35, "pci"), ("search-web", "web", "search", 65, null),
        ("search-indexer", "worker", "search", 25, null), ("catalog-api", "api", "catalog", 45, null), ("price-svc", "api", "catalog", 30, null),
        ("inventory-svc", "api", "supply", 40, null), ("shipping-api", "api", "logistics", 28, null), ("notify-worker", "worker", "platform", 22, null),
        ("mail-relay", "mta", "platform", 6, null), ("sms-gateway", "api", "platform", 8, null), ("portal-web", "web", "frontend", 80, null),
        ("mobile-bff", "api", "frontend", 50, null), ("admin-web", "web", "backoffice", 10, null), ("report-worker", "worker", "data", 14, null),
        ("etl-runner", "worker", "data", 18, null), ("ml-serving", "api", "ml", 16, "gpu"), ("ml-training", "worker", "ml", 9, "gpu"),
        ("recommend-api", "api", "ml", 26, null), ("risk-engine", "api", "risk", 20, "pci"), ("ledger-svc", "api", "finance", 12, "pci"),
        ("invoice-svc", "api", "finance", 10, null), ("coupon-svc", "api", "marketing", 15, null), ("cms-web", "web", "marketing", 7, null),
        ("gateway", "proxy", "platform", 45, null), ("nginx-edge", "proxy", "platform", 38, null), ("config-svc", "api", "platform", 6, null),
        ("registry", "api", "platform", 5, null), ("kafka", "mq", "middleware", 24, null), ("rabbitmq", "mq", "middleware", 8, "legacy"),
        ("redis-cache", "cache", "middleware", 34, null), ("memcached", "cache", "middleware", 10, "legacy"), ("es-cluster", "search", "search", 21, null),
        ("db-order", "db", "dba", 16, null), ("db-user", "db", "dba", 12, null), ("db-pay", "db", "dba", 10, "pci"), ("zookeeper", "coord", "middleware", 5, null),
    ];

    /// <summary>The demo servers, in a fixed order; <paramref name="count"/> is exact.</summary>
    public static List<Server> Generate(int count, DateTime updatedAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(20_26_11_21);
        var totalWeight = Apps.Sum(a => a.Weight);
        var sequence = new Dictionary<(string, string, string), int>();
        var servers = new List<Server>(count);
        for (var i = 0; i < count; i++)
        {
            var app = PickApp(random.Next(totalWeight));
            var envRoll = random.Next(100);
            var env = envRoll < 62 ? "prod" : envRoll < 81 ? "uat" : "test";
            // Production spans all four IDCs; uat lives in SH1/BJ1, test in SH2 only.
            var idc = env switch
            {
                "prod" => Idcs[random.Next(Idcs.Count)],
                "uat" => random.Next(2) == 0 ? "SH1" : "BJ1",
                _ => "SH2",
            };
            var key = (app.App, idc, env);
            var n = sequence[key] = sequence.GetValueOrDefault(key) + 1;
            var legacy = app.Tag == "legacy" || random.Next(25) == 0;
            var os = legacy ? "centos-7" : random.Next(5) == 0 ? "rocky-9" : "ubuntu-22.04";
            var statusRoll = random.Next(1000);
            var status = statusRoll < 18 ? ServerStatus.Offline : statusRoll < 30 ? ServerStatus.Maintenance : ServerStatus.Online;

            var tags = new List<string>();
            if (app.Tag is { } t && t != "legacy") tags.Add(t);
            if (legacy) tags.Add("legacy");
            // The first production host of each cluster in each IDC is its canary.
            if (env == "prod" && n == 1) tags.Add("canary");

            var idcIndex = IndexOf(idc);
            var envIndex = env == "prod" ? 0 : env == "uat" ? 1 : 2;
            var ip = $"10.{idcIndex * 16 + envIndex * 4 + i / 62_500 % 4}.{i / 250 % 250}.{i % 250 + 1}";
            servers.Add(new Server($"{app.App}-{idc.ToLowerInvariant()}-{env}-{n:D3}", ip, idc, env, app.App, app.Role, os,
                status, app.Owner, tags, updatedAt, isDemo: true));
        }
        return servers;
    }

    private static (string App, string Role, string Owner, int Weight, string? Tag) PickApp(int roll)
    {
        foreach (var app in Apps)
        {
            if (roll < app.Weight) return app;
            roll -= app.Weight;
        }
        return Apps[^1];
    }

    private static int IndexOf(string idc)
    {
        for (var i = 0; i < Idcs.Count; i++)
        {
            if (Idcs[i] == idc) return i;
        }
        return 0;
    }
}
