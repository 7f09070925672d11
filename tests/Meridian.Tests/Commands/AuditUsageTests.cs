using Meridian.Commands;

namespace Meridian.Tests.Commands;

/// <summary><c>meridian audit</c>'s command line: targets, and exit status 2 for every usage error (1 means exploitable).</summary>
public class AuditUsageTests
{
    [Theory]
    [InlineData("ntp.example.org", "ntp.example.org", 123)]
    [InlineData("ntp.example.org:10123", "ntp.example.org", 10123)]
    [InlineData("192.0.2.1", "192.0.2.1", 123)]
    [InlineData("192.0.2.1:1", "192.0.2.1", 1)]
    [InlineData("2001:db8::1", "2001:db8::1", 123)]
    [InlineData("[2001:db8::1]", "2001:db8::1", 123)]
    [InlineData("[::1]:65535", "::1", 65535)]
    public void ParsesTheTarget_WithPort123UnlessGiven(string text, string host, int port)
    {
        Assert.True(AuditTarget.TryParse(text, out AuditTarget target));
        Assert.Equal(new AuditTarget(host, port), target);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad!host")]
    [InlineData("192.0.2.1:0")]
    [InlineData("192.0.2.1:65536")]
    [InlineData("192.0.2.1:x")]
    [InlineData("[::1")]
    [InlineData("[::1]123")]
    [InlineData("[not-v6]:123")]
    public void RejectsTheTarget_WhenItIsNotAHostAndPort(string text)
    {
        Assert.False(AuditTarget.TryParse(text, out _));
    }

    [Theory]
    [InlineData("audit")]
    [InlineData("audit bad!host")]
    [InlineData("audit 127.0.0.1:99999")]
    [InlineData("audit 127.0.0.1 extra")]
    [InlineData("audit 127.0.0.1 --bogus")]
    [InlineData("audit 127.0.0.1 --timeout abc")]
    [InlineData("audit 127.0.0.1 --timeout 0")]
    [InlineData("audit 127.0.0.1 --timeout 61")]
    public void ExitsWithUsageError_BeforeSendingAnything(string commandLine)
    {
        Assert.Equal(AuditCommand.ExitUsage, Program.Main(commandLine.Split(' ')));
        Assert.Equal(2, AuditCommand.ExitUsage);
    }
}
