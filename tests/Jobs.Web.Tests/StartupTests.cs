using System.Diagnostics;

namespace Jobs.Web.Tests;

/// <summary>Issue 13: a data folder that cannot be written stops JOBS at once with one line naming the folder.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task DataFolderNotWritable_StopsWithAClearMessage()
    {
        var root = Directory.CreateTempSubdirectory("jobs-start-").FullName;
        var blocker = Path.Combine(root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the data folder should go");
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Jobs.Web.dll")])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = root,
            Environment = { ["Jobs__DataPath"] = Path.Combine(blocker, "data"), ["ASPNETCORE_URLS"] = "http://127.0.0.1:0" },
        };
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);

        Assert.Equal(1, p.ExitCode);
        var message = await stderr;
        Assert.Contains($"JOBS cannot write to its data folder {Path.Combine(blocker, "data")}", message);
        Assert.DoesNotContain("   at ", message); // no stack trace
        Directory.Delete(root, true);
    }
}
