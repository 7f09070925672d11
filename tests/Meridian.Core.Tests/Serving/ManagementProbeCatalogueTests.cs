using System.Text;
using Meridian.Core.Serving;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// Serving policy catalogue C: the monlist (mode 7) and mode-6 probes scanners and attackers
/// send get zero bytes back, from any address including loopback.
/// </summary>
public class ManagementProbeCatalogueTests
{
    private static readonly NetEndpoint Loopback = NetEndpoint.FromIPv4(0x7F000001, 51000);

    /// <summary>nmap ntp-monlist / ntpdc: 8-byte mode-7 header (v2, impl, request code) and 40 zero data bytes.</summary>
    public static TheoryData<string, byte[]> PrivateModeProbes()
    {
        var data = new TheoryData<string, byte[]>();
        foreach (byte version in new byte[] { 2, 3, 4 })
        {
            foreach (byte impl in new byte[] { 2, 3 })
            {
                foreach (byte request in new byte[] { 42, 20 })
                {
                    byte first = (byte)((version << 3) | 7);
                    byte[] header = [first, 0x00, impl, request, 0, 0, 0, 0];
                    string name = $"v{version} impl {impl} req {request}";
                    data.Add($"{name}, 8 bytes", header);
                    data.Add($"{name}, 48 bytes (nmap, ntpdc)", Requests.PadTo(header, 48));
                    data.Add($"{name}, 72 bytes (with key id and MD5)", Requests.PadTo(header, 72));
                    data.Add($"{name}, padded to 440", Requests.PadTo(header, 440));
                }
            }
        }

        return data;
    }

    /// <summary>Mode-6 control requests: 12-byte header (flags, opcode, sequence, status, association, offset, count) and padded forms.</summary>
    public static TheoryData<string, byte[]> ControlModeProbes()
    {
        var data = new TheoryData<string, byte[]>();
        var opcodes = new (string Name, byte Code, string Payload)[]
        {
            ("READSTAT", 1, ""),
            ("READVAR", 2, ""),
            ("configure", 8, "restrict default"),
            ("READ_MRU", 10, "nonce=0123456789abcdef01234567, frags=32"),
            ("REQ_NONCE", 12, ""),
        };
        foreach (byte version in new byte[] { 2, 3, 4 })
        {
            foreach ((string name, byte code, string payload) in opcodes)
            {
                byte[] header = [(byte)((version << 3) | 6), code, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0];
                byte[] withPayload = [.. header, .. Encoding.ASCII.GetBytes(payload)];
                withPayload[11] = (byte)payload.Length;
                data.Add($"v{version} {name}, 12 bytes", header);
                data.Add($"v{version} {name}, padded to 48", Requests.PadTo(withPayload, Math.Max(48, (withPayload.Length + 3) & ~3)));
                data.Add($"v{version} {name}, padded to 480", Requests.PadTo(withPayload, 480));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PrivateModeProbes))]
    public void SendsZeroBytes_ForMonlistProbes(string probe, byte[] request)
    {
        AssertNoReply(probe, request, ServingHarness.Client);
        AssertNoReply(probe, request, Loopback);
    }

    [Theory]
    [MemberData(nameof(ControlModeProbes))]
    public void SendsZeroBytes_ForModeSixProbes(string probe, byte[] request)
    {
        AssertNoReply(probe, request, ServingHarness.Client);
        AssertNoReply(probe, request, Loopback);
    }

    [Fact]
    public void CountsTheNmapMonlistProbe_AsAPrivateModeDrop()
    {
        var harness = new ServingHarness();
        byte[] nmapMonlist = Requests.PadTo(Requests.FromHex("1700032a 00000000"), 48);

        Assert.Null(harness.Serve(nmapMonlist, Loopback));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.ModePrivate));
    }

    [Fact]
    public void CountsTheNmapReadVarProbe_AsTooShort()
    {
        var harness = new ServingHarness();
        byte[] nmapReadVar = Requests.FromHex("16020001 00000000 00000000");

        Assert.Null(harness.Serve(nmapReadVar, Loopback));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.LengthTooShort));
    }

    [Fact]
    public void AnswersNmapNtpInfoTimeRequest_AsAnNTPv2Client()
    {
        var harness = new ServingHarness();
        byte[] nmapTimeRequest = Requests.FromHex(
            "d30004fa 00010000 00010000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 ffffffff ffffff00");

        byte[]? reply = harness.Serve(nmapTimeRequest, Loopback);

        Assert.NotNull(reply);
        Assert.Equal(nmapTimeRequest.AsSpan(40, 8).ToArray(), reply.AsSpan(24, 8).ToArray());
    }

    private static void AssertNoReply(string probe, byte[] request, NetEndpoint source)
    {
        var harness = new ServingHarness();
        Assert.True(harness.Serve(request, source) is null, $"{probe} from {source} was answered");
        Assert.Equal(1, harness.Counters.Received);
    }
}
