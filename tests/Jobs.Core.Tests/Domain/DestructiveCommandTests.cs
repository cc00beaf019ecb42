using Jobs.Core.Engine;

namespace Jobs.Core.Tests.Domain;

public sealed class DestructiveCommandTests
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
        Assert.Equal(fragment, DestructiveCommand.Find(command));

    [Theory]
    [InlineData("systemctl restart app")]
    [InlineData("rm /tmp/lockfile")]
    [InlineData("ping -c1 10.0.0.1")]
    [InlineData("cat /var/log/rebooting.log")]
    public void Find_HarmlessCommand_Null(string command) => Assert.Null(DestructiveCommand.Find(command));
}
