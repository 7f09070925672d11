using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// Serving policy catalogue D and rule P11: whatever the client puts in its header fields, the
/// answer is normal and the origin timestamp is the request's transmit timestamp byte for byte.
/// </summary>
public class HeaderValueCatalogueTests
{
    public static TheoryData<string, Action<byte[]>> HeaderDressings() => new()
    {
        { "LI 1", r => r[0] = (byte)(r[0] | 0x40) },
        { "LI 2", r => r[0] = (byte)(r[0] | 0x80) },
        { "LI 3", r => r[0] = (byte)(r[0] | 0xC0) },
        { "stratum 0", r => r[1] = 0 },
        { "stratum 1", r => r[1] = 1 },
        { "stratum 16", r => r[1] = 16 },
        { "stratum 255", r => r[1] = 255 },
        { "poll -128", r => r[2] = 0x80 },
        { "poll 127", r => r[2] = 0x7F },
        { "poll -1", r => r[2] = 0xFF },
        { "precision -128", r => r[3] = 0x80 },
        { "precision 127", r => r[3] = 0x7F },
        { "root delay all ones", r => r.AsSpan(4, 4).Fill(0xFF) },
        { "root dispersion all ones", r => r.AsSpan(8, 4).Fill(0xFF) },
        { "refid all ones", r => r.AsSpan(12, 4).Fill(0xFF) },
        { "reference, origin, receive all ones", r => r.AsSpan(16, 24).Fill(0xFF) },
        { "transmit 0", r => r.AsSpan(40, 8).Clear() },
        { "transmit all ones", r => r.AsSpan(40, 8).Fill(0xFF) },
        { "transmit at the 2036 era boundary", r => new NtpTimestamp(0).Write(r.AsSpan(40)) },
        { "transmit just before the 2036 era boundary", r => new NtpTimestamp(0xFFFF_FFFF_FFFF_FFFE).Write(r.AsSpan(40)) },
        { "transmit in era 1", r => NtpTimestamp.FromUnixTime(2_100_000_000, 5).Write(r.AsSpan(40)) },
        { "dressed as a RATE kiss", r => { r[1] = 0; KissCode.Rate.Write(r.AsSpan(12)); } },
        { "dressed as a DENY kiss", r => { r[1] = 0; KissCode.Deny.Write(r.AsSpan(12)); } },
    };

    [Theory]
    [MemberData(nameof(HeaderDressings))]
    public void AnswersNormally_WithOriginCopiedByteForByte(string dressing, Action<byte[]> dress)
    {
        var harness = new ServingHarness();
        byte[] request = Requests.Client();
        dress(request);

        byte[]? reply = harness.Serve(request);

        Assert.True(reply is not null, dressing);
        Assert.Equal(request.AsSpan(40, 8).ToArray(), reply.AsSpan(24, 8).ToArray());
        Assert.Equal(ExpectedReply(harness, request), reply);
    }

    /// <summary>The reply the state dictates, independent of every request field but version and transmit.</summary>
    private static byte[] ExpectedReply(ServingHarness harness, byte[] request)
    {
        var header = new NtpHeader(
            harness.State.Leap,
            NtpHeader.ReadVersion(request),
            NtpMode.Server,
            harness.State.Stratum,
            harness.State.Poll,
            harness.State.Precision,
            harness.State.RootDelay,
            harness.State.RootDispersion,
            harness.State.ReferenceId,
            harness.State.ReferenceTimestamp,
            NtpTimestamp.Read(request.AsSpan(40)),
            ServingHarness.Receive,
            ServingHarness.Transmit);
        byte[] expected = new byte[NtpHeader.Size];
        header.TryWrite(expected);
        return expected;
    }
}
