using System.Text.Json.Nodes;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>
/// Issue 11: Jobs.Web/libman.json declares the client libraries; restore-on-build is off (offline it fails with LIB002), so
/// the files are committed. This keeps the two in step: every declared file is there and is the declared version.
/// </summary>
public sealed class LibManTests
{
    private static readonly string Web = Path.Combine(RepoRoot(), "Jobs.Web");

    public static TheoryData<string, string, string> DeclaredFiles()
    {
        var data = new TheoryData<string, string, string>();
        var libman = JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "libman.json")))!;
        foreach (var lib in libman["libraries"]!.AsArray())
        {
            var (name, version) = Split(lib!["library"]!.GetValue<string>());
            var destination = lib["destination"]!.GetValue<string>();
            var files = lib["fileMappings"]?.AsArray().SelectMany(m => m!["files"]!.AsArray()) ?? lib["files"]!.AsArray();
            foreach (var file in files) data.Add(name, version, Path.Combine(destination, file!.GetValue<string>()));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredFiles))]
    public void DeclaredFile_IsCommittedWithTheDeclaredVersion(string library, string version, string path)
    {
        var full = Path.Combine(Web, path);

        Assert.True(File.Exists(full), $"{library}@{version}: {path} is declared in libman.json but not committed");
        // Bootstrap and Chart.js open every dist file with a banner naming the version ("Bootstrap v5.3.9", "Chart.js v4.6.1").
        var head = new string(File.ReadAllText(full).Take(400).ToArray());
        Assert.True(head.Contains($"v{version}", StringComparison.Ordinal), $"{path} does not carry v{version}: {head[..Math.Min(120, head.Length)]}");
    }

    [Fact]
    public void LibMan_DeclaresTheCardVersions_AndNpmIsGone()
    {
        var declared = DeclaredFiles().Select(row => $"{row[0]}@{row[1]}").Distinct().Order();

        Assert.Equal(["bootstrap@5.3.9", "chart.js@4.6.1"], declared);
        Assert.False(File.Exists(Path.Combine(Web, "package.json")));
        Assert.False(File.Exists(Path.Combine(Web, "package-lock.json")));
        Assert.Contains("<LibraryRestore>false</LibraryRestore>", File.ReadAllText(Path.Combine(Web, "Jobs.Web.csproj")));
    }

    private static (string Name, string Version) Split(string library)
    {
        var at = library.LastIndexOf('@');
        return (library[..at], library[(at + 1)..]);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Jobs.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Jobs.sln not found above " + AppContext.BaseDirectory);
    }
}
