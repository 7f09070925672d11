namespace Meridian.Tests.Commands;

public class UsageErrorTests
{
    [Theory]
    [InlineData("query")]
    [InlineData("query", "127.0.0.1", "--no-such-option")]
    [InlineData("monitor", "127.0.0.1", "--checks", "many")]
    [InlineData("serve", "--workers", "all")]
    [InlineData("query", "127.0.0.1", "--count", "0")]
    [InlineData("query", "127.0.0.1", "--timeout", "0")]
    [InlineData("monitor", "127.0.0.1", "--interval", "0")]
    [InlineData("monitor", "127.0.0.1", "--reference", "[::1")]
    [InlineData("traffic", "--sample", "-1")]
    public void AUsageError_ExitsWithStatusTwo(params string[] args)
    {
        Assert.Equal(2, Program.Main(args));
    }
}
