namespace Meridian.Tests.Configuration;

public class CommentAndLineNumberTests
{
    [Fact]
    public void IgnoresCommentsBlankLinesAndExtraWhitespace()
    {
        var options = ConfigText.Parse(
            "# Meridian",
            "",
            "   ",
            "\tserver\tntp.example.org\t iburst   # the only upstream",
            "driftfile /var/lib/meridian/drift#no space before the comment",
            "  # indented comment: sever nonsense",
            "#restrict default ignore");

        Assert.Equal("ntp.example.org", Assert.Single(options.Upstreams).Host);
        Assert.True(options.Upstreams[0].Iburst);
        Assert.Equal("/var/lib/meridian/drift", options.DriftFile);
        Assert.Empty(options.Restrictions);
    }

    [Fact]
    public void AcceptsAnEmptyFile()
    {
        var options = ConfigText.Parse("");

        Assert.Empty(options.Upstreams);
        Assert.Empty(options.Restrictions);
    }

    [Fact]
    public void AcceptsWindowsLineEndings()
    {
        var options = ConfigText.Parse("server ntp.example.org iburst\r", "driftfile /drift\r");

        Assert.Equal("ntp.example.org", Assert.Single(options.Upstreams).Host);
        Assert.Equal("/drift", options.DriftFile);
    }

    [Fact]
    public void CountsBlankAndCommentLines_InErrorLineNumbers()
    {
        ConfigText.ErrorAt(
            6,
            "sever",
            "# header",
            "",
            "server ntp.example.org # fine",
            "   ",
            "\t# another comment",
            "sever ntp.example.org");
    }

    [Fact]
    public void ReportsAnErrorOnLineOne_AsLine1()
    {
        ConfigText.ErrorAt(1, "bogus", "bogus");
    }
}
