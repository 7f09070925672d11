using Meridian.Core.Leap;
using Meridian.Protocol;
using static Meridian.Core.Tests.Leap.LeapFixture;

namespace Meridian.Core.Tests.Leap;

public class LeapFileParserTests
{
    [Fact]
    public void VerifiesTheHash_OfTheTzdataFile()
    {
        // tzdata 2025b's copy of the IERS file, hashed by its publisher (not by this repository's fixture script).
        LeapFile file = Parse("tzdata-2025b-expired.list");

        Assert.Equal(LeapHashCheck.Verified, file.Hash);
        Assert.Empty(file.Problems);
        Assert.Equal(28, file.Entries.Count);
        Assert.Equal(new NtpTimestamp(3960835200UL << 32), file.Updated);
        Assert.Equal(Utc(2026, 6, 28), file.Expires);
    }

    [Fact]
    public void ReportsTheTzdataFileExpired_AfterJune2026()
    {
        LeapFile file = Parse("tzdata-2025b-expired.list");

        Assert.Equal(LeapFileExpiry.Valid, file.ExpiryAt(Utc(2026, 5, 1)));
        Assert.Equal(LeapFileExpiry.ExpiresSoon, file.ExpiryAt(Utc(2026, 6, 1)));
        Assert.Equal(LeapFileExpiry.Expired, file.ExpiryAt(Utc(2026, 11, 30)));
        Assert.False(file.DecidesAt(Utc(2026, 11, 30)));
    }

    [Fact]
    public void ReadsAValidFile_WithItsLastLeapIn2017()
    {
        LeapFile file = Parse("valid.list");

        Assert.True(file.IsUsable);
        Assert.True(file.DecidesAt(Utc(2026, 11, 30)));
        Assert.Equal(LeapFileExpiry.Valid, file.ExpiryAt(Utc(2026, 11, 30)));
        Assert.Null(file.NextLeapAfter(Utc(2026, 11, 30)));
        Assert.Equal(new LeapEvent(Utc(2017, 1, 1), LeapIndicator.LastMinuteHas61Seconds), file.NextLeapAfter(Utc(2016, 12, 31, 12)));
    }

    [Fact]
    public void WarnsWithin30Days_OfTheExpiry()
    {
        LeapFile file = Parse("expiring-soon.list");

        Assert.Equal(LeapFileExpiry.ExpiresSoon, file.ExpiryAt(Utc(2026, 11, 30)));
        Assert.True(file.DecidesAt(Utc(2026, 11, 30)));
    }

    [Fact]
    public void DoesNotDecide_WhenExpired()
    {
        LeapFile file = Parse("expired.list");

        Assert.Equal(LeapHashCheck.Verified, file.Hash);
        Assert.Equal(LeapFileExpiry.Expired, file.ExpiryAt(Utc(2026, 11, 30)));
        Assert.False(file.DecidesAt(Utc(2026, 11, 30)));
    }

    [Fact]
    public void RejectsTheFile_WhenANumberWasChangedAfterHashing()
    {
        LeapFile file = Parse("bad-hash.list");

        Assert.Equal(LeapHashCheck.Mismatch, file.Hash);
        Assert.False(file.IsUsable);
    }

    [Fact]
    public void ReportsEachDamagedLine_WithItsNumber()
    {
        LeapFile file = Parse("damaged.list");

        Assert.Equal([0, 7, 12], file.Problems.Select(p => p.Line).Order());
        Assert.False(file.IsUsable);
        Assert.Null(file.Expires);
    }

    [Theory]
    [InlineData("insert-2026-11.list", LeapIndicator.LastMinuteHas61Seconds)]
    [InlineData("delete-2026-11.list", LeapIndicator.LastMinuteHas59Seconds)]
    public void FindsTheNextLeap_AndItsDirection(string name, LeapIndicator kind)
    {
        LeapFile file = Parse(name);

        Assert.True(file.IsUsable);
        Assert.Equal(new LeapEvent(Utc(2026, 12, 1), kind), file.NextLeapAfter(Utc(2026, 11, 1)));
        Assert.Null(file.NextLeapAfter(Utc(2026, 12, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#h 1 2 3\n#@ x\n")]
    [InlineData("3692217600\n")]
    [InlineData("99999999999 37\n")]
    [InlineData("#$ 3960835200\n#@ 3991593600\n3692217600 37\n3644697600 36\n#h 0 0 0 0 0\n")]
    public void NeverThrows_OnDamagedText(string text)
    {
        LeapFile file = LeapFileParser.Parse(text);

        Assert.False(file.IsUsable);
        Assert.NotEmpty(file.Problems);
    }

    [Fact]
    public void AcceptsHashWords_WithoutLeadingZeros()
    {
        string text = Text("valid.list");
        string hashLine = text.Split('\n').Single(l => l.StartsWith("#h", StringComparison.Ordinal));
        string[] words = hashLine[2..].Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
        string stripped = "#h " + string.Join(' ', words.Select(w => w.TrimStart('0') is { Length: > 0 } t ? t : "0"));

        Assert.Equal(LeapHashCheck.Verified, LeapFileParser.Parse(text.Replace(hashLine, stripped)).Hash);
    }
}
