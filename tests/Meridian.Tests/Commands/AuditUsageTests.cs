using Meridian.Commands.Audit;
using Meridian.Commands.Query;

namespace Meridian.Tests.Commands;

/// <summary><c>meridian audit</c>'s command line (targets parse as <see cref="ServerName"/>): exit status 2 for every usage error (1 means exploitable).</summary>
public class AuditUsageTests
{
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
