using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Core.Tests.Serving;

/// <summary>
/// The serving policy's invariants over 100 000 seeded random datagrams: at most one reply, never
/// longer than the request, only for the answered version × mode set, origin equal to the request's
/// transmit bytes, the request's version, and no other request bytes in the reply.
/// Set MERIDIAN_SEED to replay a failure.
/// </summary>
public class ServingInvariantPropertyTests
{
    private const int DatagramCount = 100_000;

    [Fact]
    public void HoldsEveryServingInvariant_ForRandomDatagrams()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("MERIDIAN_SEED"), out int s) ? s : 20261122;
        var random = new Random(seed);
        var harness = new ServingHarness();
        var reference = new ServingHarness(harness.State);
        long answered = 0;

        for (int i = 0; i < DatagramCount; i++)
        {
            (byte[] request, bool validTrailer) = RandomDatagram(random);
            NetEndpoint source = RandomSource(random);
            byte[]? reply = harness.Serve(request, source);
            string context = $"seed {seed}, datagram {i}: {Convert.ToHexString(request.AsSpan(0, Math.Min(request.Length, 64)))} from {source}";

            Assert.True(reply is null == !IsAnswerable(request, validTrailer, source), $"answered outside the policy ({context})");
            if (reply is not null)
            {
                answered++;
                AssertReplyDependsOnlyOnVersionAndTransmit(request, reply, reference, context);
            }
        }

        long drops = Enum.GetValues<DropReason>().Sum(r => harness.Counters.Dropped(r));
        Assert.Equal(DatagramCount, harness.Counters.Received);
        Assert.Equal(DatagramCount, answered + drops);
        Assert.InRange(answered, DatagramCount / 10, DatagramCount);
    }

    private static void AssertReplyDependsOnlyOnVersionAndTransmit(byte[] request, byte[] reply, ServingHarness reference, string context)
    {
        Assert.True(reply.Length <= request.Length, $"reply longer than request ({context})");
        Assert.True(NtpHeader.TryRead(reply, out NtpHeader header), context);
        Assert.True(header.Version == NtpHeader.ReadVersion(request), $"version changed ({context})");
        Assert.True(header.Mode == NtpMode.Server, $"mode {header.Mode} ({context})");
        Assert.True(request.AsSpan(40, 8).SequenceEqual(reply.AsSpan(24, 8)), $"origin is not the request's transmit ({context})");

        // The same reply must come from a request with only the version and transmit bytes kept.
        byte[] minimal = Requests.Client(NtpHeader.ReadVersion(request), NtpHeader.ReadMode(request), transmit: NtpTimestamp.Read(request.AsSpan(40)));
        Assert.True(reply.AsSpan().SequenceEqual(reference.Serve(minimal)), $"reply carries other request bytes ({context})");
    }

    private static bool IsAnswerable(byte[] request, bool validTrailer, NetEndpoint source) =>
        request.Length >= NtpHeader.Size && request.Length <= RequestClassifier.MaxRequestLength
        && (request.Length == NtpHeader.Size || validTrailer)
        && source.Port != 0 && !source.IsMulticast && !source.IsUnspecified && !source.IsLimitedBroadcast
        && IsAnswerableHeader(request, source);

    private static bool IsAnswerableHeader(byte[] request, NetEndpoint source)
    {
        byte version = NtpHeader.ReadVersion(request);
        NtpMode mode = NtpHeader.ReadMode(request);
        return version is >= 1 and <= 4 && (mode == NtpMode.Client || (mode == NtpMode.Reserved && version == 1 && source.Port != 123));
    }

    /// <summary>
    /// A random datagram, and whether its trailer was built as valid unknown extension fields.
    /// Random trailers are made invalid on purpose (an odd first field length), so the oracle is exact.
    /// </summary>
    private static (byte[] Datagram, bool ValidTrailer) RandomDatagram(Random random)
    {
        int kind = random.Next(10);
        int length = kind switch
        {
            < 2 => random.Next(0, 61),
            < 5 => NtpHeader.Size,
            < 8 => NtpHeader.Size + 4 * random.Next(0, 270),
            _ => random.Next(0, 2000),
        };
        byte[] datagram = new byte[length];
        random.NextBytes(datagram);
        if (length > 0 && random.Next(2) == 0)
        {
            // Bias half of them towards the answered set, to exercise the reply path.
            datagram[0] = NtpHeader.EncodeFirstByte((LeapIndicator)random.Next(4), (byte)random.Next(1, 5), random.Next(4) == 0 ? NtpMode.Reserved : NtpMode.Client);
        }

        if (kind is >= 5 and < 8 && length >= NtpHeader.Size + 28 && random.Next(2) == 0)
        {
            WriteUnknownFields(random, datagram);
            return (datagram, true);
        }

        if (length >= NtpHeader.Size + 4)
        {
            datagram[NtpHeader.Size + 3] |= 1;
        }

        return (datagram, false);
    }

    /// <summary>Fills the trailer with valid unknown fields of type 0x7A7A, the last one at least 28 bytes.</summary>
    private static void WriteUnknownFields(Random random, byte[] datagram)
    {
        datagram[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        int position = NtpHeader.Size;
        for (int count = 0; count < RequestClassifier.MaxExtensionFields; count++)
        {
            int remaining = datagram.Length - position;
            int length = remaining <= 64 || count == RequestClassifier.MaxExtensionFields - 1 ? remaining : 16 + 4 * random.Next(0, (remaining - 44) / 4);
            datagram[position] = 0x7A;
            datagram[position + 1] = 0x7A;
            datagram[position + 2] = (byte)(length >> 8);
            datagram[position + 3] = (byte)length;
            position += length;
            if (position == datagram.Length)
            {
                return;
            }
        }
    }

    private static NetEndpoint RandomSource(Random random) => random.Next(20) switch
    {
        0 => NetEndpoint.FromIPv4((uint)random.Next(), 0),
        1 => NetEndpoint.FromIPv4(0xE0000000 | (uint)random.Next(0x0FFFFFFF), 40000),
        2 => NetEndpoint.FromIPv4((uint)random.Next(1, int.MaxValue), 123),
        3 => NetEndpoint.FromIPv6(RandomBytes(random, 16), (ushort)random.Next(1, 65536)),
        _ => NetEndpoint.FromIPv4((uint)random.Next(0x01000000, 0x7F000000), (ushort)random.Next(1, 65536)),
    };

    private static byte[] RandomBytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
