using Meridian.Core.RateLimiting;

namespace Meridian.Core.Tests.RateLimiting;

public class ClientMixTests
{
    [Fact]
    public void CountsClientsByPollInterval_Cumulatively_LeavingOutSinglePackets()
    {
        var table = new ClientTable(64, 1, 2);
        Add(table, 1, packets: 5, intervalSeconds: 0.5);
        Add(table, 2, packets: 5, intervalSeconds: 1);
        Add(table, 3, packets: 5, intervalSeconds: 1.5);
        Add(table, 4, packets: 5, intervalSeconds: 64);
        Add(table, 5, packets: 5, intervalSeconds: 3000);
        Add(table, 6, packets: 1, intervalSeconds: 0);
        ClientMix mix = ClientMix.Measure([table]);
        //                 le: 1  2  4  8  16 32 64 128 256 512 1024 +Inf
        Assert.Equal([2L, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5], mix.PollIntervalAtMost);
    }

    [Fact]
    public void SharesOfTheTopClients_AreOfAllPacketsInTheTables()
    {
        var a = new ClientTable(1024, 1, 2);
        var b = new ClientTable(1024, 3, 4);
        Add(a, 1, packets: 500, intervalSeconds: 1);
        for (ulong key = 2; key <= 301; key++)
        {
            Add(key % 2 == 0 ? a : b, key, packets: key <= 10 ? 50u : 1u, intervalSeconds: 1);
        }

        ClientMix mix = ClientMix.Measure([a, b]);
        double total = 500 + (9 * 50) + 291;
        Assert.Equal(500 / total, mix.Top1Share, 12);
        Assert.Equal((500 + (9 * 50)) / total, mix.Top10Share, 12);
        Assert.Equal((500 + (9 * 50) + 90) / total, mix.Top100Share, 12);
    }

    [Fact]
    public void EmptyTables_HaveNoShares() => Assert.Equal(0, ClientMix.Measure([new ClientTable(16, 1, 2)]).Top100Share);

    private static void Add(ClientTable table, ulong key, uint packets, double intervalSeconds)
    {
        ref ClientRecord record = ref table.Find(key, 1, out _);
        record.Packets = packets;
        record.IntervalSixteenths = (ushort)(intervalSeconds * 16);
    }
}
