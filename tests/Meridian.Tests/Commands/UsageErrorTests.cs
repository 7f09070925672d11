namespace Meridian.Tests.Commands;

public class UsageErrorTests
{
    [Theory]
    [InlineData("query")]
    [InlineData("query", "127.0.0.1", "--no-such-option")]
    [InlineData("monitor", "127.0.0.1", "--checks", "many")]
    [InlineData("serve", "--workers", "all")]
    public void AUsageError_ExitsWithStatusTwo(params string[] args)
    {
        Assert.Equal(2, Program.Main(args));
    }
}
