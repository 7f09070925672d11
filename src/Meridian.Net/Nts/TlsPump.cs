using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace Meridian.Net.Nts;

/// <summary>
/// Drives BouncyCastle's TLS engine in its non-blocking mode over a socket: the engine never
/// touches the socket, so every wait is an async receive under the caller's deadline and no
/// thread is held by a slow peer.
/// </summary>
internal sealed class TlsPump(TlsProtocol protocol, Socket socket)
{
    private readonly byte[] _buffer = new byte[16 * 1024 + 512];

    /// <summary>Sends what the engine has queued (handshake messages, records, alerts).</summary>
    public async Task FlushAsync(CancellationToken cancel)
    {
        int available;
        while ((available = protocol.GetAvailableOutputBytes()) > 0)
        {
            int n = protocol.ReadOutput(_buffer, 0, Math.Min(available, _buffer.Length));
            await socket.SendAsync(_buffer.AsMemory(0, n), SocketFlags.None, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Receives once and hands the bytes to the engine; false when the peer closed the connection.</summary>
    public async Task<bool> ReceiveAsync(CancellationToken cancel)
    {
        int n = await socket.ReceiveAsync(_buffer, SocketFlags.None, cancel).ConfigureAwait(false);
        if (n == 0)
        {
            return false;
        }

        protocol.OfferInput(_buffer, 0, n);
        return true;
    }

    /// <summary>Runs the handshake to its end; false when the peer closed first.</summary>
    public async Task<bool> HandshakeAsync(CancellationToken cancel)
    {
        await FlushAsync(cancel).ConfigureAwait(false);
        while (protocol.IsHandshaking)
        {
            if (!await ReceiveAsync(cancel).ConfigureAwait(false))
            {
                return false;
            }

            await FlushAsync(cancel).ConfigureAwait(false);
        }

        return protocol.IsConnected;
    }

    /// <summary>
    /// Reads application data into <paramref name="message"/> until <paramref name="complete"/>
    /// says the bytes so far hold a whole message (or the buffer is full, or the peer closed);
    /// returns the bytes read.
    /// </summary>
    public async Task<int> ReadMessageAsync(byte[] message, Func<int, bool> complete, CancellationToken cancel)
    {
        int length = 0;
        while (true)
        {
            int available = protocol.GetAvailableInputBytes();
            if (available > 0)
            {
                length += protocol.ReadInput(message, length, Math.Min(available, message.Length - length));
                if (complete(length) || length == message.Length)
                {
                    return length;
                }

                continue;
            }

            if (protocol.IsClosed || !await ReceiveAsync(cancel).ConfigureAwait(false))
            {
                return length;
            }

            await FlushAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Writes application data and close_notify, then sends both.</summary>
    public async Task WriteAndCloseAsync(byte[] data, int length, CancellationToken cancel)
    {
        protocol.WriteApplicationData(data, 0, length);
        protocol.Close();
        await FlushAsync(cancel).ConfigureAwait(false);
    }

    /// <summary>Sends the alert the engine queued when it failed, within a second, ignoring errors: a courtesy, the connection closes either way.</summary>
    public async Task TrySendAlertAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await FlushAsync(quick.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException or TlsException)
        {
            // Nothing more to say to a peer that is gone.
        }
    }
}
