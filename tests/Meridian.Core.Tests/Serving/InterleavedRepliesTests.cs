using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// Interleaved client/server mode (RFC 9769 §2; chrony's server rules): a request whose origin is
/// the receive timestamp of the previous reply to the same address gets that reply's kernel
/// transmit time as its transmit timestamp, once; anything unknown gets a basic reply.
/// </summary>
public class InterleavedRepliesTests
{
    private static readonly NetEndpoint Client = NetEndpoint.FromIPv4(0xC000_0201, 40000);
    private static readonly NetEndpoint Other = NetEndpoint.FromIPv4(0xC000_0202, 40000);
    private static readonly ServerState State = ServerState.LocalClock(1, -20, new NtpTimestamp(0xEA00_0000_0000_0000));
    private static readonly NtpTimestamp ClientReceive = new(0xEA00_0001_1234_5678);

    [Fact]
    public void AnswersInterleaved_WithThePreviousRepliesKernelTransmitTime()
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out bool firstInterleaved);
        var kernelTransmit = new NtpTimestamp(Receive(2).Value + 40_000);
        table.RecordTransmit(ReceiveOf(first), kernelTransmit);

        byte[] request = Request(origin: ReceiveOf(first));
        byte[] second = Serve(table, request, Receive(3), Client, out bool interleaved);

        Assert.False(firstInterleaved);
        Assert.True(interleaved);
        Assert.Equal(ClientReceive, Field(second, NtpHeader.OriginTimestampOffset));
        Assert.Equal(kernelTransmit.Value & ~1UL, Field(second, NtpHeader.TransmitTimestampOffset).Value);
        Assert.Equal(InterleavedReplies.MarkReceive(Receive(3)), ReceiveOf(second));
        Assert.Equal(request.Length, second.Length);
    }

    [Fact]
    public void AnswersBasic_WhenTheKernelTransmitTimeIsUnknown()
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);

        byte[] request = Request(origin: ReceiveOf(first));
        byte[] second = Serve(table, request, Receive(3), Client, out bool interleaved);

        Assert.False(interleaved);
        Assert.Equal(Field(request, NtpHeader.TransmitTimestampOffset), Field(second, NtpHeader.OriginTimestampOffset));
    }

    [Fact]
    public void AnswersBasic_ToAnotherAddressPresentingTheReceiveTimestamp_AndStillInterleavedToItsOwner()
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);
        table.RecordTransmit(ReceiveOf(first), new NtpTimestamp(Receive(2).Value + 40_000));

        Serve(table, Request(origin: ReceiveOf(first)), Receive(3), Other, out bool toOther);
        Serve(table, Request(origin: ReceiveOf(first)), Receive(4), Client, out bool toOwner);

        Assert.False(toOther);
        Assert.True(toOwner);
    }

    [Fact]
    public void ServesASavedTransmitTimeOnce()
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);
        table.RecordTransmit(ReceiveOf(first), new NtpTimestamp(Receive(2).Value + 40_000));

        Serve(table, Request(origin: ReceiveOf(first)), Receive(3), Client, out bool once);
        Serve(table, Request(origin: ReceiveOf(first)), Receive(4), Client, out bool twice);

        Assert.True(once);
        Assert.False(twice);
    }

    [Theory]
    [InlineData("origin bit clear (an echo of our transmit, as ntpd clients send)")]
    [InlineData("receive field equal to transmit field")]
    [InlineData("NTPv3")]
    [InlineData("52 bytes (a MAC)")]
    public void RemembersNothing_ForRequestsThatAreNotInterleavedCandidates(string shape)
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);
        table.RecordTransmit(ReceiveOf(first), new NtpTimestamp(Receive(2).Value + 40_000));
        byte[] request = Request(origin: ReceiveOf(first));
        switch (shape[..4])
        {
            case "orig": new NtpTimestamp(ReceiveOf(first).Value & ~1UL).Write(request.AsSpan(NtpHeader.OriginTimestampOffset)); break;
            case "rece": request.AsSpan(NtpHeader.TransmitTimestampOffset, 8).CopyTo(request.AsSpan(NtpHeader.ReceiveTimestampOffset)); break;
            case "NTPv": request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 3, NtpMode.Client); break;
            default: request = [.. request, 0, 0, 0, 1]; break;
        }

        Serve(table, request, Receive(3), Client, out bool interleaved);

        Assert.False(interleaved);
    }

    [Fact]
    public void NeverAnswersAKissInterleaved()
    {
        var table = new InterleavedReplies(64);
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);
        table.RecordTransmit(ReceiveOf(first), new NtpTimestamp(Receive(2).Value + 40_000));
        byte[] request = Request(origin: ReceiveOf(first));
        byte[] kiss = new byte[NtpHeader.Size];
        Responder.WriteKiss(request, kiss, Receive(3), KissCode.Rate);

        Assert.False(table.Answer(request, kiss, Client, out bool awaits));
        Assert.False(awaits);
    }

    [Fact]
    public void WantsTheTransmitTime_OnlyOfRepliesToAClientNamingOneOfOurReceiveTimestamps()
    {
        var table = new InterleavedReplies(64);
        byte[] basicClient = Request(origin: new NtpTimestamp(0xEA00_0000_0000_0002UL)); // a transmit we sent: even
        byte[] xleaveClient = Request(origin: MarkedReceive(1));

        table.Answer(basicClient, Reply(basicClient, Receive(2)), Client, out bool basicAwaits);
        table.Answer(xleaveClient, Reply(xleaveClient, Receive(3)), Client, out bool xleaveAwaits);

        Assert.False(basicAwaits);
        Assert.True(xleaveAwaits);
    }

    private static byte[] Reply(byte[] request, NtpTimestamp receive)
    {
        byte[] reply = new byte[request.Length];
        return reply[..Responder.WriteReply(request, reply, receive, State)];
    }

    [Theory]
    [InlineData(0xEA00_0000_0000_0000UL, 0xEA00_0000_0000_0001UL, 0xEA00_0000_0000_0002UL)]
    [InlineData(0xEA00_0000_0000_0005UL, 0xEA00_0000_0000_0001UL, 0xEA00_0000_0000_0004UL)]
    [InlineData(0xEA00_0000_0000_0002UL, 0xEA00_0000_0000_0003UL, 0xEA00_0000_0000_0004UL)]
    public void MarksTransmitEven_AndNeverBeforeTheReceive(ulong transmit, ulong receive, ulong expected) =>
        Assert.Equal(expected, InterleavedReplies.MarkTransmit(new NtpTimestamp(transmit), new NtpTimestamp(receive)).Value);

    [Fact]
    public void SentReply_SavesTheTransmitTime_AndCountsTheErrorOfBasicRepliesOnly()
    {
        var table = new InterleavedReplies(64);
        var errors = new TransmitErrorHistogram();
        byte[] first = Serve(table, Request(origin: MarkedReceive(1)), Receive(2), Client, out _);
        Responder.StampTransmit(first, new NtpTimestamp(Receive(2).Value + 20_000));
        var kernelTransmit = new NtpTimestamp(Receive(2).Value + 20_000 + 8590); // 2 µs later

        SentReply.Observe(first, kernelTransmit, table, errors);
        byte[] second = Serve(table, Request(origin: ReceiveOf(first)), Receive(3), Client, out bool interleaved);
        SentReply.Observe(second, new NtpTimestamp(Receive(3).Value + 30_000), table, errors);

        Assert.True(interleaved);
        Assert.Equal(1, errors.Count);
        Assert.InRange(errors.SumNanoseconds, 1999, 2001);
    }

    private static byte[] Serve(InterleavedReplies table, byte[] request, NtpTimestamp receive, NetEndpoint source, out bool interleaved)
    {
        byte[] reply = new byte[request.Length];
        int length = Responder.WriteReply(request, reply, receive, State);
        interleaved = table.Answer(request, reply.AsSpan(0, length), source, out _);
        return reply[..length];
    }

    private static byte[] Request(NtpTimestamp origin)
    {
        byte[] request = Requests.Client(transmit: new NtpTimestamp(0x0123_4567_89AB_CDEF));
        origin.Write(request.AsSpan(NtpHeader.OriginTimestampOffset));
        ClientReceive.Write(request.AsSpan(NtpHeader.ReceiveTimestampOffset));
        return request;
    }

    private static NtpTimestamp Receive(int exchange) => new(0xEA00_0001_0000_0000UL + ((ulong)exchange << 32));

    private static NtpTimestamp MarkedReceive(int exchange) => InterleavedReplies.MarkReceive(Receive(exchange));

    private static NtpTimestamp ReceiveOf(byte[] reply) => Field(reply, NtpHeader.ReceiveTimestampOffset);

    private static NtpTimestamp Field(byte[] packet, int offset) => NtpTimestamp.Read(packet.AsSpan(offset));
}
