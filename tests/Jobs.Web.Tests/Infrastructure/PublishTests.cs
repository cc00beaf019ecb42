using System.Diagnostics;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>
/// Issue 12: under IIS the scheduler starts with the site only if the published web.config is the root one (Application
/// Initialization warm-up, request-size limit, environment). The SDK used to write its own instead.
/// </summary>
public sealed class PublishTests
{
    [Fact]
    public async Task Publish_JobsWeb_WritesTheRootWebConfigUnchanged()
    {
        var root = LibManTests.RepoRoot();
        var output = Directory.CreateTempSubdirectory("jobs-publish-").FullName;
        try
        {
            // --no-build: the test command built the solution in Release already; publishing then only copies.
            var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "Jobs.Web", "Jobs.Web.csproj"), "-c", "Release",
                "--no-build", "-nologo", "-v", "q", "-o", output])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            Assert.True(process.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");

            var published = await File.ReadAllBytesAsync(Path.Combine(output, "web.config"));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(root, "web.config")), published);
            var text = System.Text.Encoding.UTF8.GetString(published);
            Assert.Contains("applicationInitialization", text);
            Assert.Contains("maxAllowedContentLength", text);
            Assert.True(File.Exists(Path.Combine(output, "Jobs.Web.dll")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
