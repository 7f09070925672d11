using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Meridian.Net;
using Meridian.Protocol;

namespace Meridian.LoadGen;

/// <summary>
/// One fixed-rate step: requests paced evenly over the step, sent round-robin from sockets bound to
/// distinct 127/8 addresses, each carrying its send time as transmit timestamp (echoed as origin).
/// One receiver thread per socket classifies the answers; the step ends 0.5 s after the last send.
/// </summary>
internal static class LoadStep
{
    private static readonly TimeSpan Drain = TimeSpan.FromMilliseconds(500);

    public static StepResult Run(LoadOptions options, int rate)
    {
        var sockets = Enumerable.Range(1, options.Sources).Select(Bind).ToList();
        var receivers = sockets.Select(s => new Receiver(s, (int)(rate * options.Seconds / options.Sources) + 1024)).ToList();
        var threads = receivers.Select(r => new Thread(r.Run) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        long sent = Send(sockets, options.Server.Serialize(), rate, options.Seconds);
        Thread.Sleep(Drain);
        receivers.ForEach(r => r.Stop());
        threads.ForEach(t => t.Join());
        sockets.ForEach(s => s.Dispose());
        return new StepResult(
            rate,
            sent,
            receivers.Sum(r => r.Valid),
            receivers.Sum(r => r.Kisses),
            receivers.SelectMany(r => r.LatencyMicros).ToArray(),
            receivers.SelectMany(r => r.OffsetMicros).ToArray());
    }

    private static Socket Bind(int index)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 100, ReceiveBufferSize = 1 << 20 };
        socket.Bind(new IPEndPoint(IPAddress.Parse($"127.43.{index >> 8}.{index & 0xFF}"), 0));
        return socket;
    }

    private static long Send(List<Socket> sockets, SocketAddress server, int rate, double seconds)
    {
        long total = (long)(rate * seconds);
        byte[] request = new byte[NtpHeader.Size];
        request[0] = NtpHeader.EncodeFirstByte(LeapIndicator.NoWarning, 4, NtpMode.Client);
        var clock = Stopwatch.StartNew();
        long sent = 0;
        for (long n = 0; n < total; n++)
        {
            long due = n * Stopwatch.Frequency / rate;
            while (clock.ElapsedTicks < due)
            {
                Thread.SpinWait(20);
            }

            RealtimeClock.Now().Write(request.AsSpan(NtpHeader.TransmitTimestampOffset));
            try
            {
                sockets[(int)(n % sockets.Count)].SendTo(request, SocketFlags.None, server);
                sent++;
            }
            catch (SocketException)
            {
                // The kernel refused (buffer full): counted as not sent.
            }
        }

        return sent;
    }

    /// <summary>Receives and classifies the answers of one source socket.</summary>
    private sealed class Receiver(Socket socket, int capacity)
    {
        private volatile bool _stopping;

        public long Valid { get; private set; }

        public long Kisses { get; private set; }

        public List<double> LatencyMicros { get; } = new(capacity);

        public List<double> OffsetMicros { get; } = new(capacity);

        public void Stop() => _stopping = true;

        public void Run()
        {
            byte[] buffer = new byte[2048];
            while (!_stopping)
            {
                int length;
                try
                {
                    length = socket.Receive(buffer);
                }
                catch (SocketException)
                {
                    continue;
                }

                NtpTimestamp t4 = RealtimeClock.Now();
                Classify(buffer.AsSpan(0, length), t4);
            }
        }

        private void Classify(ReadOnlySpan<byte> reply, NtpTimestamp t4)
        {
            if (!NtpHeader.TryRead(reply, out NtpHeader header) || header.Mode != NtpMode.Server)
            {
                return;
            }

            if (header.Stratum == 0)
            {
                Kisses++;
                return;
            }

            NtpTimestamp t1 = header.OriginTimestamp;
            Valid++;
            LatencyMicros.Add(t4.SecondsSince(t1) * 1e6);
            OffsetMicros.Add(Math.Abs((header.ReceiveTimestamp.SecondsSince(t1) + header.TransmitTimestamp.SecondsSince(t4)) / 2) * 1e6);
        }
    }
}
