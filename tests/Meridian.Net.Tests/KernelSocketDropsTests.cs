using System.Net;
using System.Net.Sockets;

namespace Meridian.Net.Tests;

public sealed class KernelSocketDropsTests
{
    [Fact]
    public void CountsTheDatagramsTheKernelDroppedForAFullReceiveBuffer_AndOnlyForTheGivenSocket()
    {
        using var full = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 1 };
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        other.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        byte[] datagram = new byte[48];

        Assert.Equal(0, KernelSocketDrops.Read([full, other]));
        for (int i = 0; i < 200; i++)
        {
            sender.SendTo(datagram, full.LocalEndPoint!);
        }

        long dropped = KernelSocketDrops.Read([full]);
        Assert.InRange(dropped, 150, 200); // the smallest buffer holds a few datagrams; nobody reads them
        Assert.Equal(0, KernelSocketDrops.Read([other]));
        Assert.Equal(dropped, KernelSocketDrops.Read([full, other]));
    }

    [Fact]
    public void SumsTheDropsColumnOfTheRowsOfTheGivenInodes()
    {
        string table = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(table,
            [
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  345: 0100007F:007B 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4242 2 0000000000000000 17",
                "  346: 0100007F:007C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 5",
                "  347: 0100007F:007D 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 9999 2 0000000000000000 1000",
            ]);

            Assert.Equal(22, KernelSocketDrops.Sum(table, new HashSet<long> { 4242, 4243 }));
        }
        finally
        {
            File.Delete(table);
        }
    }
}
