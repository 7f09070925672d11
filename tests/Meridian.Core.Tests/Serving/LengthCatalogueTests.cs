using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>Serving policy catalogue A and rule P1: only well-formed lengths are answered.</summary>
public class LengthCatalogueTests
{
    public static TheoryData<int> LengthsUpTo68 => [.. Enumerable.Range(0, 69)];

    [Theory]
    [MemberData(nameof(LengthsUpTo68))]
    public void AnswersOnlyTheBareHeader_AmongLengthsFrom0To68(int length)
    {
        var harness = new ServingHarness();

        byte[]? reply = harness.Serve(Requests.Client(length: length));

        Assert.Equal(length == NtpHeader.Size, reply is not null);
    }

    [Theory]
    [InlineData(0, DropReason.LengthTooShort)]
    [InlineData(1, DropReason.LengthTooShort)]
    [InlineData(12, DropReason.LengthTooShort)]
    [InlineData(47, DropReason.LengthTooShort)]
    [InlineData(49, DropReason.LengthNotMultipleOf4)]
    [InlineData(50, DropReason.LengthNotMultipleOf4)]
    [InlineData(51, DropReason.LengthNotMultipleOf4)]
    [InlineData(1052, DropReason.LengthTooLong)]
    [InlineData(1500, DropReason.LengthTooLong)]
    [InlineData(9000, DropReason.LengthTooLong)]
    [InlineData(65507, DropReason.LengthTooLong)]
    public void CountsTheLengthDrop_ByReason(int length, DropReason expected)
    {
        var harness = new ServingHarness();

        Assert.Null(harness.Serve(Requests.Client(length: length)));
        Assert.Equal(1, harness.Counters.Dropped(expected));
    }

    [Fact]
    public void AnswersTheLongestAllowedRequest_1024Plus24Bytes()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([(0x7777, 1024 + 24 - NtpHeader.Size)]);

        Assert.Equal(RequestClassifier.MaxRequestLength, request.Length);
        Assert.Equal(NtpHeader.Size, harness.Serve(request)?.Length);
    }

    [Fact]
    public void DropsARequestFourBytesBeyondTheLimit()
    {
        var harness = new ServingHarness();
        byte[] request = Requests.WithExtensionFields([(0x7777, 1024 + 28 - NtpHeader.Size)]);

        Assert.Null(harness.Serve(request));
        Assert.Equal(1, harness.Counters.Dropped(DropReason.LengthTooLong));
    }

    [Fact]
    public void RefusesToWriteAReply_IntoABufferLongerThanTheRequest()
    {
        byte[] request = Requests.Client();
        var state = ServerState.Unsynchronized(-20);

        Assert.Equal(0, Responder.WriteReply(request, new byte[NtpHeader.Size + 4], ServingHarness.Receive, state));
        Assert.Equal(0, Responder.WriteReply(request.AsSpan(0, 47), new byte[47], ServingHarness.Receive, state));
    }

    [Fact]
    public void RefusesToSendAReplyLongerThanItsRequest_AndCountsIt()
    {
        var counters = new ServingCounters();
        var path = new ServingPath(new RequestClassifier([]), counters);

        Assert.False(path.MaySend(NtpHeader.Size + 4, NtpHeader.Size));
        Assert.True(path.MaySend(NtpHeader.Size, NtpHeader.Size));
        Assert.Equal(1, counters.Dropped(DropReason.ReplyLargerThanRequest));
    }
}
