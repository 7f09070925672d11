using Meridian.Commands.Clients;

namespace Meridian.Tests.Commands;

/// <summary><c>meridian clients</c>' command line: a jiffies rate of zero or less would make every time infinite or NaN.</summary>
public class ClientsOptionsTests
{
    private const string Dump = "src=203.0.113.5 ttl: 52 last_seen: 1000500 oldest_pkt: 2 1000000, 1000500";

    [Theory]
    [InlineData(0)]
    [InlineData(-250)]
    public void TryCreate_RefusesAJiffiesRate_BelowOne(int hz)
    {
        Assert.Null(ClientsOptions.TryCreate("dump", hz, 20, json: false, csv: false, out string problem));
        Assert.Contains("--hz", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCreate_ClampsTopToItsRange()
    {
        Assert.Equal(1, ClientsOptions.TryCreate(null, 250, 0, json: false, csv: false, out _)!.Top);
        Assert.Equal(ClientsOptions.MaxTop, ClientsOptions.TryCreate(null, 250, int.MaxValue, json: false, csv: false, out _)!.Top);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void AnXtRecentDump_WithAJiffiesRateBelowOne_IsAUsageError(string hz)
    {
        using var dump = new TempConfigFile(Dump + "\n");
        Assert.Equal(2, Program.Main(["clients", "--xt-recent", dump.Path, "--hz", hz, "--json"]));
        Assert.Equal(0, Program.Main(["clients", "--xt-recent", dump.Path, "--hz", "250", "--json"]));
    }
}
