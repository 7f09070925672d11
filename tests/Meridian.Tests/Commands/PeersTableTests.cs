using Meridian.Commands.Peers;
using Meridian.Core.Sync;
using Meridian.Tests.Control;

namespace Meridian.Tests.Commands;

public class PeersTableTests
{
    private static readonly string[] Lines = PeersTable.Format(SampleReports.Sync()).Split('\n');

    [Fact]
    public void PrintsTheNtpqHeader_ASeparator_AndOneRowPerSource()
    {
        Assert.Equal("     remote           refid      st t when poll reach   delay   offset  jitter", Lines[0]);
        Assert.Equal(new string('=', 78), Lines[1]);
        Assert.Equal(2 + 5 + 1, Lines.Length); // the table ends in a newline
        Assert.Equal("", Lines[^1]);
    }

    [Fact]
    public void PrintsTheRowsLikeNtpq()
    {
        Assert.Equal("*127.0.0.1:11123 LOCL             1 u   12   64  377    0.045   -0.012   0.008", Lines[2]);
        Assert.Equal("x127.0.0.1:11127 LOCL             1 u    3   64  377    0.045 2000.123   0.008", Lines[6]);
    }

    [Theory]
    [InlineData(Tally.SystemPeer, '*')]
    [InlineData(Tally.Candidate, '+')]
    [InlineData(Tally.Outlier, '-')]
    [InlineData(Tally.Falseticker, 'x')]
    [InlineData(Tally.Rejected, ' ')]
    public void StartsEachRowWithTheTallyCode(Tally tally, char code)
    {
        Assert.Equal(code, PeersTable.Row(SampleReports.Source("192.0.2.1:123", tally))[0]);
    }

    [Theory]
    [InlineData(255, "377")]
    [InlineData(127, "177")]
    [InlineData(1, "  1")]
    [InlineData(0, "  0")]
    public void PrintsReachInOctal(byte reach, string expected)
    {
        string row = PeersTable.Row(SampleReports.Source("192.0.2.1:123", Tally.Candidate, reach: reach));

        Assert.Equal(expected, row[49..52]); // three digits under "reach" (header columns 48-52)
    }

    [Theory]
    [InlineData(null, "-")]
    [InlineData(0.0, "0")]
    [InlineData(5.0, "5")]
    [InlineData(5.9, "5")]
    [InlineData(2048.0, "2048")]
    [InlineData(3000.0, "50m")]
    [InlineData(18000.0, "300m")]
    [InlineData(3 * 3600.0 * 10, "30h")]
    [InlineData(10 * 86400.0, "10d")]
    public void PrintsWhenLikeNtpq(double? seconds, string expected)
    {
        Assert.Equal(expected, PeersTable.When(seconds));
    }

    [Fact]
    public void SaysBelowTheTable_WhichSourcesAreUnreachable_AndWhy()
    {
        SyncSnapshot sync = SampleReports.Sync() with
        {
            Sources = [SampleReports.Source("127.0.0.1:47123", Tally.Rejected, when: null, reach: 0) with { Failure = "port unreachable (nothing listens there)" }],
        };

        string[] lines = PeersTable.Format(sync).Split('\n');

        Assert.Equal("127.0.0.1:47123: unreachable: port unreachable (nothing listens there)", lines[3]);
    }

    [Fact]
    public void SaysBelowTheTable_WhichNtsSourcesAreAuthenticated()
    {
        SyncSnapshot sync = SampleReports.Sync() with
        {
            Sources =
            [
                SampleReports.Source("127.0.0.1:1123", Tally.SystemPeer, reach: 0xff) with { Nts = true },
                SampleReports.Source("127.0.0.1:2123", Tally.Rejected, when: null, reach: 0) with { Nts = true },
                SampleReports.Source("127.0.0.1:3123", Tally.Candidate, reach: 0xff),
            ],
        };

        string[] lines = PeersTable.Format(sync).Split('\n');

        Assert.Equal("127.0.0.1:1123: NTS, authenticated", lines[5]);
        Assert.Equal("127.0.0.1:2123: NTS, no authenticated reply yet", lines[6]);
        Assert.Equal("", lines[7]);
    }

    [Fact]
    public void TruncatesALongRemote_ToKeepTheColumns()
    {
        string row = PeersTable.Row(SampleReports.Source("[2001:db8::1234:5678]:123", Tally.Candidate));

        Assert.StartsWith("+[2001:db8::1234 LOCL ", row, StringComparison.Ordinal);
        Assert.Equal(Lines[2].Length, row.Length);
    }

    [Fact]
    public void EveryRowStartsTheRefidColumnWhereTheHeaderFieldStarts()
    {
        const int refidColumn = 17; // tally, 15 for remote, a space
        int headerRefid = Lines[0].IndexOf("refid", StringComparison.Ordinal);

        Assert.InRange(headerRefid, refidColumn, refidColumn + 15 - "refid".Length); // centered in its field, as in ntpq
        foreach (string row in Lines[2..^1])
        {
            Assert.Equal(' ', row[refidColumn - 1]);
            Assert.Equal("LOCL", row[refidColumn..(refidColumn + 4)]);
        }
    }

    [Theory]
    [InlineData("st")]
    [InlineData("when")]
    [InlineData("poll")]
    [InlineData("delay")]
    [InlineData("offset")]
    [InlineData("jitter")]
    public void RightAlignsEachNumberUnderTheEndOfItsHeader(string column)
    {
        int end = ColumnEnd(Lines[0], column);

        foreach (string row in Lines[2..^1])
        {
            Assert.NotEqual(' ', row[end - 1]);
            Assert.True(end == row.Length || row[end] == ' ', $"'{column}' ends at {end} in: {row}");
        }
    }

    private static int ColumnEnd(string header, string label) =>
        header.IndexOf(" " + label, StringComparison.Ordinal) + 1 + label.Length;
}
