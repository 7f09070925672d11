using System.Net.Sockets;
using System.Runtime.InteropServices;
using Meridian.Protocol;
using Meridian.Core.Time;

namespace Meridian.Net;

/// <summary>
/// Receives one datagram with the kernel's receive timestamp (SO_TIMESTAMPNS) on 64-bit Linux, so an
/// upstream reply's T4 is the moment it arrived, not the moment the sync thread got to it.
/// Elsewhere, or when the kernel gives no timestamp, the caller's own reading stands.
/// </summary>
internal static unsafe class KernelReceiveTime
{
    private const int MsgDontWait = 0x40;
    private const int ControlSize = 64;
    private const int ConnectionRefused = 111; // ECONNREFUSED
    private const int HostUnreachable = 113; // EHOSTUNREACH
    private const int NetworkUnreachable = 101; // ENETUNREACH
    private const int TryAgain = 11; // EAGAIN: nothing waiting, or the receive timeout passed

    /// <summary>Asks the kernel to timestamp every datagram this socket receives.</summary>
    public static void Enable(Socket socket)
    {
        if (LinuxBatch.IsSupported)
        {
            socket.SetRawSocketOption(LinuxBatch.SolSocket, LinuxBatch.SoTimestampNs, BitConverter.GetBytes(1));
        }
    }

    /// <summary>
    /// Receives a datagram into <paramref name="buffer"/> — one already waiting, or, with
    /// <paramref name="wait"/>, the next within the socket's receive timeout — and returns its length,
    /// or −1 with the reason in <paramref name="error"/> (TimedOut when nothing is waiting, else the ICMP
    /// error the kernel queued: ConnectionRefused for port unreachable, HostUnreachable, NetworkUnreachable; SocketError for any other).
    /// Reading a queued ICMP error consumes it. <paramref name="arrival"/> is the kernel's receive time when
    /// there is one, else null.
    /// </summary>
    public static int Receive(Socket socket, byte[] buffer, out NtpTimestamp? arrival, out SocketError error, bool wait = false)
    {
        arrival = null;
        error = SocketError.Success;
        if (!LinuxBatch.IsSupported)
        {
            try
            {
                return socket.Receive(buffer);
            }
            catch (SocketException e)
            {
                error = e.SocketErrorCode;
                return -1;
            }
        }

        byte* control = stackalloc byte[ControlSize];
        fixed (byte* data = buffer)
        {
            var iov = new LinuxBatch.IoVec { Base = data, Length = (nuint)buffer.Length };
            var message = new LinuxBatch.MMsgHdr
            {
                Header = new LinuxBatch.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSize },
            };
            int received = LinuxBatch.RecvMmsg((int)socket.SafeHandle.DangerousGetHandle(), &message, 1, wait ? 0 : MsgDontWait, null);
            if (received != 1)
            {
                error = Marshal.GetLastPInvokeError() switch
                {
                    ConnectionRefused => SocketError.ConnectionRefused,
                    HostUnreachable => SocketError.HostUnreachable,
                    NetworkUnreachable => SocketError.NetworkUnreachable,
                    TryAgain => SocketError.TimedOut,
                    _ => SocketError.SocketError,
                };
                return -1;
            }

            arrival = ControlMessages.Read(&message.Header, 0).Arrival;
            return (int)message.Length;
        }
    }

    /// <summary>
    /// <paramref name="now"/> (a reading of the clocks as the synchronizer sees them) moved back to the
    /// kernel's <paramref name="arrival"/>: the raw system clock is read again to tell how long ago that was.
    /// </summary>
    public static LocalTime At(NtpTimestamp arrival, LocalTime now) => At(arrival, now, RealtimeClock.Now());

    /// <summary>
    /// <paramref name="now"/> moved back to the kernel's <paramref name="arrival"/>, where
    /// <paramref name="rawNow"/> is the raw system clock at the moment <paramref name="now"/> was
    /// read; never later than <paramref name="now"/>.
    /// </summary>
    public static LocalTime At(NtpTimestamp arrival, LocalTime now, NtpTimestamp rawNow)
    {
        double ago = Math.Max(0, rawNow.SecondsSince(arrival));
        return new LocalTime(now.Monotonic.AddSeconds(-ago), ClockCorrection.Add(now.System, -ago));
    }
}
