using Meridian.Configuration;

namespace Meridian.Tests.Configuration;

public class IgnoredDirectiveTests
{
    public static TheoryData<string> Lines() => new()
    {
        "keys /etc/ntp.keys",
        "trustedkey 1 2 3",
        "controlkey 1",
        "requestkey 1",
        "fudge 127.127.28.0 time1 0.420 refid GPS",
        "broadcast 192.168.123.255",
        "broadcastclient",
        "manycastserver 239.1.1.1",
        "mdnstries 5",
        "setvar varname = value default",
        "crypto pw secret",
        "revoke 17",
        "ntpsigndsocket /var/lib/samba/ntp_signd",
        "nts enable",
        "pidfile /run/ntpd.pid",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void AcceptsTheDirective_WithOneWarningNamingIt(string line)
    {
        string directive = line.Split(' ')[0];

        MeridianOptions options = ConfigText.Parse("server ntp.example.org", line);

        string warning = Assert.Single(options.Warnings);
        Assert.StartsWith($"{ConfigText.File}:2: '{directive}' is accepted but not acted on: ", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void WarnsOncePerDirective_AtItsFirstLine()
    {
        MeridianOptions options = ConfigText.Parse("trustedkey 1", "keys /etc/ntp.keys", "trustedkey 2", "trustedkey 3", "keys /etc/other.keys");

        Assert.Equal(2, options.Warnings.Count);
        Assert.StartsWith($"{ConfigText.File}:1: 'trustedkey'", options.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{ConfigText.File}:2: 'keys'", options.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryIgnoredDirective_HasAReason()
    {
        Assert.All(IgnoredDirectives.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Value), r.Key));
    }
}
