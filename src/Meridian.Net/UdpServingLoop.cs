using System.Net;
using System.Net.Sockets;
using Meridian.Core;
using Meridian.Core.Serving;

namespace Meridian.Net;

/// <summary>
/// One UDP socket served by one dedicated thread with recvmmsg, a send per reply, kernel receive timestamps
/// and destination addresses (<see cref="BatchedServing"/>; 64-bit Linux). There is no other
/// serving loop: a portable one could not see a wildcard socket's destination address, so it
/// could not keep P6 (docs/decisions/0005).
/// </summary>
public sealed class UdpServingLoop : IDisposable
{
    private const int StopCheckMilliseconds = 200;

    private readonly Socket _socket;
    private readonly ServingPath _path;
    private readonly ServerStateCell _served;
    private readonly NetEndpoint _localEndpoint;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _allocatedBytes;
    private long _iterations;
    private int _threadId;

    private UdpServingLoop(Socket socket, ServingPath path, ServerStateCell served)
    {
        _socket = socket;
        _path = path;
        _served = served;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _localEndpoint = SocketEndpoints.FromIPEndPoint(LocalEndPoint);
        _thread = new Thread(Run) { IsBackground = true, Name = $"serve {LocalEndPoint}" };
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>The serving socket (for the check that no other process shares its port).</summary>
    internal Socket Socket => _socket;

    public ServingCounters Counters => _path.Counters;

    public ServingPolicy Policy => _path.Policy;

    /// <summary>
    /// Hands the loop a new policy (a reload); the loop's thread takes it as its current receive
    /// returns (a datagram, or the receive timeout), before deciding anything received.
    /// </summary>
    public void OfferPolicy(ServingPolicy next) => _path.OfferPolicy(next);

    /// <summary>A policy offered and not yet taken by the loop, or null.</summary>
    public ServingPolicy? OfferedPolicy => _path.OfferedPolicy;

    /// <summary>Bytes the loop's thread has allocated so far (sampled after each batch; for the allocation test).</summary>
    public long AllocatedBytes => Volatile.Read(ref _allocatedBytes);

    /// <summary>The serving thread's kernel id once it runs, 0 before.</summary>
    public int ThreadId => Volatile.Read(ref _threadId);

    /// <summary>Times the loop has gone round (at least every 200 ms while idle): a watchdog's sign of life.</summary>
    public long Iterations => Volatile.Read(ref _iterations);

    /// <summary>Binds the socket; throws <see cref="ListenException"/> with the address and the reason.</summary>
    /// <param name="reusePort">Join a SO_REUSEPORT group (several workers on one address).</param>
    public static UdpServingLoop Bind(IPEndPoint listen, Func<ServingCounters, ServingPath> createPath, ServerStateCell served, bool reusePort = false)
    {
        if (!LinuxBatch.IsSupported)
        {
            throw new ListenException(listen, SocketError.OperationNotSupported, $"cannot listen on {Format(listen)}: serving needs 64-bit Linux (recvmmsg, kernel timestamps, IP_PKTINFO)");
        }

        ServingPath path = createPath(new ServingCounters(listen.AddressFamily == AddressFamily.InterNetworkV6 ? ServingCounters.IPv6UdpOverhead : ServingCounters.IPv4UdpOverhead));
        var socket = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            BatchedServing.Configure(socket);

            if (listen.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false;
            }

            if (reusePort)
            {
                ReusePortSteering.AllowReuse(socket);
            }

            // Sized for the request age bound at a typical rate; the loop resizes it to its measured rate.
            socket.ReceiveBufferSize = ReceiveBufferSizing.Bytes(ReceiveBufferSizing.InitialRatePerSecond, path.MaxAge);
            socket.ReceiveTimeout = StopCheckMilliseconds;
            socket.Bind(listen);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw ExclusivePort.AlreadyServed(listen, e);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new ListenException(listen, e.SocketErrorCode, $"cannot listen on {Format(listen)}: {Explain(e, listen)}", e);
        }

        return new UdpServingLoop(socket, path, served);
    }

    public void Start() => _thread.Start();

    /// <summary>Makes the SO_REUSEPORT group of this socket pick workers by source address.</summary>
    internal void SteerBySourceAddress(int workers) => ReusePortSteering.Attach(_socket, workers);

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }

        _socket.Dispose();
    }

    private void Run()
    {
        Volatile.Write(ref _threadId, ServingThreads.CurrentId());
        BatchedServing.Run(_socket, _path, _served, _localEndpoint, () => _stopping, bytes =>
        {
            Volatile.Write(ref _allocatedBytes, bytes);
            Volatile.Write(ref _iterations, _iterations + 1);
        });
    }

    internal static string Format(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endPoint.Address}]:{endPoint.Port}" : endPoint.ToString();

    private static string Explain(SocketException e, IPEndPoint listen) => e.SocketErrorCode switch
    {
        SocketError.AccessDenied =>
            $"permission denied (ports below 1024 need root or CAP_NET_BIND_SERVICE)",
        SocketError.AddressNotAvailable =>
            "the address does not belong to this host",
        SocketError.AddressFamilyNotSupported =>
            "this host does not support that address family",
        _ => e.Message,
    };
}
