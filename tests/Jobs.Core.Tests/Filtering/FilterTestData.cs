using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Filtering;

/// <summary>Servers with mixed case, spaces, tags and every status, for comparing SQL with in-memory evaluation.</summary>
internal static class FilterTestData
{
    public static readonly string[] Idcs = ["SH1", "SH2", "bj3", "Gz4"];
    public static readonly string[] Envs = ["prod", "uat", "test", "PROD"];
    public static readonly string[] Apps = ["order-api", "pay-api", "user-svc", "Cache", "db", "search.web", "zz_tail"];
    public static readonly string[] Roles = ["web", "worker", "db", ""];
    public static readonly string[] Oses = ["ubuntu-22.04", "CentOS-7", "rocky-9", ""];
    public static readonly string[] Owners = ["ops", "Pay Team", "dba", "", "o'brien"];
    public static readonly string[] Tags = ["canary", "gpu", "pci", "legacy", "blue", "green"];

    public static List<Server> Servers(int seed, int count)
    {
        var random = new Random(seed);
        var at = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
        var list = new List<Server>(count);
        for (var i = 0; i < count; i++)
        {
            var app = Apps[random.Next(Apps.Length)];
            var prefix = random.Next(5) == 0 ? "db" : app.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
            var tags = Tags.Where(_ => random.Next(4) == 0).ToList();
            list.Add(new Server(
                hostname: $"{prefix}-{i:D3}.{(random.Next(2) == 0 ? "sh" : "bj")}.example.com",
                ip: $"10.{random.Next(3)}.{random.Next(256)}.{random.Next(1, 255)}",
                idc: Idcs[random.Next(Idcs.Length)],
                env: Envs[random.Next(Envs.Length)],
                app: app,
                role: Roles[random.Next(Roles.Length)],
                os: Oses[random.Next(Oses.Length)],
                status: (ServerStatus)(random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }),
                owner: Owners[random.Next(Owners.Length)],
                tags: tags,
                updatedAt: at));
        }
        return list;
    }

    /// <summary>Values for random filters: the data's own values plus near misses around them.</summary>
    public static IReadOnlyList<string> FilterValues() =>
        [.. Idcs, .. Envs, .. Apps, .. Roles, .. Oses, .. Owners, .. Tags, "db-0", "order", "m", "10.1", "10.2.200.1", "zzz", "A", "web-1", "pay team", "O'BRIEN"];

    public static readonly string[] Patterns =
        ["^db-", "api$", "^(order|pay)-", "-0[0-4][0-9]\\.", "SH", "^10\\.1\\.", "\\d{3}", "team", "^$", "ubuntu|rocky", "^[a-c]", "x?y*z+", "'"];
}
