using Jobs.Core.Security;

namespace Jobs.Core.Tests.Domain;

public sealed class DangerousCommandsTests
{
    [Theory]
    [InlineData("rm -rf /var/lib/app", "rm -rf")]
    [InlineData("rm -r /tmp/x", "rm -r")]
    [InlineData("sudo systemctl stop nginx", "systemctl stop")]
    [InlineData("userdel deploy", "userdel")]
    [InlineData("iptables -F", "iptables -F")]
    [InlineData("echo 0 > /dev/sda", "> /dev/sda")]
    [InlineData("psql -c 'DROP TABLE orders'", "DROP TABLE")]
    [InlineData("killall java", "killall")]
    [InlineData("shutdown -h now", "shutdown")]
    public void Find_DestructiveCommand_ReturnsTheFragment(string command, string fragment) =>
        Assert.Equal(fragment, DangerousCommands.Default.Find(command)?.Fragment);

    [Theory]
    [InlineData("systemctl restart app")]
    [InlineData("rm /tmp/lockfile")]
    [InlineData("ping -c1 10.0.0.1")]
    [InlineData("cat /var/log/rebooting.log")]
    public void Find_HarmlessCommand_Null(string command) => Assert.Null(DangerousCommands.Default.Find(command));

    // Issue 8: the list is configurable; a configured list replaces the defaults.
    [Fact]
    public void Find_ConfiguredPatterns_ReplaceTheDefaults()
    {
        var rules = new DangerousCommands(new SecurityOptions { DangerousPatterns = [@"\bterraform\s+destroy\b"] }.EffectivePatterns);
        Assert.Equal("terraform destroy", rules.Find("cd infra && terraform destroy -auto-approve")?.Fragment);
        Assert.Null(rules.Find("rm -rf /opt/app/cache"));
    }

    [Fact]
    public void Find_Match_NamesThePattern() =>
        Assert.Equal(@"\brm\s+-[a-z]*[rf][a-z]*\b", DangerousCommands.Default.Find("rm -rf /opt/app/cache")!.Pattern);

    [Theory]
    [InlineData("(unclosed", "not a valid regular expression")]
    [InlineData("(a)\\1", "cannot run in linear time")]
    [InlineData(" ", "is empty")]
    public void Problem_BadPattern_SaysWhy(string pattern, string expected) =>
        Assert.Contains(expected, DangerousCommands.Problem(pattern));
}
