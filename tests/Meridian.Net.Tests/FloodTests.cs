using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Access;
using Meridian.Core.RateLimiting;
using Meridian.Core.Serving;
using Meridian.Protocol;

namespace Meridian.Net.Tests;

/// <summary>
/// Serving policy catalogue H over real sockets: thousands of distinct loopback sources flooding
/// back to back are each held to the burst, while a legitimate client polling between the flood's
/// rounds keeps every answer, and no more bytes leave than arrive. Paced by the server's receive
/// counter, never by the wall clock: each batch of flooders is sent only once the server has taken
/// the previous one off its socket, so no datagram is lost to a full receive buffer however busy
/// the machine.
/// </summary>
public class FloodTests
{
    private const int Sources = 2000;
    private const int RequestsPerSource = 20;
    private const int LegitimatePolls = 4;

    /// <summary>Flooders sent back to back before waiting for the server: 2 000 datagrams, well within its 4 MiB receive buffer.</summary>
    private const int FloodersPerBatch = 100;

    [Fact]
    public void HoldsEachFloodingSourceToItsBurst_WhileALegitimateClientKeepsEveryAnswer()
    {
        var limit = new RateLimitOptions(Leak: 0, TableSize: 1 << 14);
        var access = new AccessList([new AccessRule(NetEndpoint.FromIPv4(0, 0), 0, AccessFlags.Limited)]);
        var state = new ServerStateCell(ServerState.LocalClock(1, -20, RealtimeClock.Now()));
        using var engine = TestEngine.Start([new IPEndPoint(IPAddress.Loopback, 0)], state,
            () => new ServingPolicy(access, new RateLimiter(limit, 0x1234, 0x5678), null, 7));
        IPEndPoint server = engine.LocalEndPoints[0];
        var flooders = Enumerable.Range(1, Sources).Select(i => Bind(IPAddress.Parse($"127.1.{i >> 8}.{i & 0xFF}"))).ToList();
        using var legitimate = Bind(IPAddress.Parse("127.0.0.2"));
        byte[] request = LoopbackClient.ClientRequest(RealtimeClock.Now());
        long ingress = 0;
        int legitimateAnswers = 0;

        try
        {
            int perRound = Sources / LegitimatePolls;
            long sent = 0;
            for (int poll = 0; poll < LegitimatePolls; poll++)
            {
                legitimateAnswers += Exchange(legitimate, server, request) ? 1 : 0;
                ingress += request.Length;
                sent++;
                foreach (Socket[] batch in flooders.Skip(poll * perRound).Take(perRound).Chunk(FloodersPerBatch))
                {
                    foreach (Socket flooder in batch)
                    {
                        for (int i = 0; i < RequestsPerSource; i++)
                        {
                            flooder.SendTo(request, server);
                            ingress += request.Length;
                        }
                    }

                    sent += batch.Length * RequestsPerSource;
                    WaitUntilReceived(engine, sent);
                }
            }

            WaitUntilReceived(engine, Sources * RequestsPerSource + LegitimatePolls);
            engine.WaitUntilAllHandled();
            var answers = flooders.Select(Drain).ToList();
            long egress = (answers.Sum() + legitimateAnswers) * (long)NtpHeader.Size;

            Assert.Equal(LegitimatePolls, legitimateAnswers);
            Assert.All(answers, a => Assert.InRange(a, 1, limit.Burst));
            Assert.True(egress <= ingress, $"egress {egress} B > ingress {ingress} B");
            Assert.Equal(Sources * (long)(RequestsPerSource - limit.Burst), engine.Counters().Drops[DropReason.RateLimited]);
            Assert.Equal(Sources + 1, engine.Limiters.Sum(l => l.Table.Occupancy));
        }
        finally
        {
            flooders.ForEach(f => f.Dispose());
        }
    }

    private static Socket Bind(IPAddress address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    private static bool Exchange(Socket client, IPEndPoint server, byte[] request)
    {
        client.SendTo(request, server);
        byte[] reply = new byte[128];
        try
        {
            return client.Receive(reply) == NtpHeader.Size;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The number of replies queued on a flooder's socket.</summary>
    private static int Drain(Socket flooder)
    {
        byte[] reply = new byte[128];
        int count = 0;
        while (flooder.Available > 0)
        {
            flooder.Receive(reply);
            count++;
        }

        return count;
    }

    /// <summary>The server is another thread: wait (bounded) until it has handled every request sent.</summary>
    private static void WaitUntilReceived(ServingEngine engine, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Counters().Received < expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal(expected, engine.Counters().Received);
    }
}
