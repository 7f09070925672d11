using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>Serving policy catalogue B and rules P2, P3: exactly the answered version × mode set.</summary>
public class VersionModeCatalogueTests
{
    public static TheoryData<byte, byte> AllVersionsAndModes()
    {
        var data = new TheoryData<byte, byte>();
        for (byte version = 0; version < 8; version++)
        {
            for (byte mode = 0; mode < 8; mode++)
            {
                data.Add(version, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllVersionsAndModes))]
    public void AnswersClientModeOfVersions1To4_AndNTPv1Mode0_Only(byte version, byte mode)
    {
        var harness = new ServingHarness();
        byte[] request = Requests.Client(version, (NtpMode)mode);

        byte[]? reply = harness.Serve(request);

        bool answered = version is >= 1 and <= 4 && (mode == 3 || (mode == 0 && version == 1));
        Assert.Equal(answered, reply is not null);
        if (reply is not null)
        {
            Assert.True(reply.Length <= request.Length);
            Assert.Equal(version, NtpHeader.ReadVersion(reply));
            Assert.Equal(NtpMode.Server, NtpHeader.ReadMode(reply));
        }
    }

    [Theory]
    [InlineData(0, 3, DropReason.VersionUnsupported)]
    [InlineData(5, 3, DropReason.VersionUnsupported)]
    [InlineData(7, 3, DropReason.VersionUnsupported)]
    [InlineData(4, 0, DropReason.ModeReserved)]
    [InlineData(4, 1, DropReason.ModeSymmetric)]
    [InlineData(4, 2, DropReason.ModeSymmetric)]
    [InlineData(4, 4, DropReason.ModeServerOrBroadcast)]
    [InlineData(4, 5, DropReason.ModeServerOrBroadcast)]
    [InlineData(2, 6, DropReason.ModeControl)]
    [InlineData(2, 7, DropReason.ModePrivate)]
    public void CountsTheVersionOrModeDrop_ByReason(byte version, byte mode, DropReason expected)
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.Client(version, (NtpMode)mode)));
        Assert.Equal(1, harness.Counters.Dropped(expected));
    }

    [Fact]
    public void DropsNTPv1Mode0_FromSourcePort123()
    {
        var harness = new ServingHarness();
        var fromPort123 = ServingHarness.Client with { Port = 123 };

        Assert.Null(harness.Serve(Requests.Client(1, NtpMode.Reserved), fromPort123));
        Assert.NotNull(harness.Serve(Requests.Client(1, NtpMode.Client), fromPort123));
    }
}
