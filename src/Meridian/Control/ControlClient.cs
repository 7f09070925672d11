using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Meridian.Control;

/// <summary>The CLI side of the control socket: one command, one <see cref="StatusReport"/>.</summary>
public static class ControlClient
{
    /// <summary>Longer than the server's per-client timeout, so one slow client ahead of us does not fail us.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Above any answer the server gives: the largest, <c>clients 100000</c> (three sections of at most
    /// 100 000 clients, about 260 bytes each in JSON), is under 80 MB.
    /// </summary>
    private const int MaxResponseBytes = 192 << 20;

    /// <summary>Sends <paramref name="command"/> and reads the report; throws <see cref="ControlSocketException"/> with an operator-facing message.</summary>
    public static StatusReport Query(string socketPath, string command) => Query(socketPath, command, ControlJson.Wire.StatusReport);

    /// <summary>Sends <paramref name="command"/> and reads a <typeparamref name="T"/> document (<paramref name="type"/>: from <see cref="ControlJson.Wire"/>).</summary>
    public static T Query<T>(string socketPath, string command, JsonTypeInfo<T> type)
    {
        ReadOnlyMemory<byte> response = ExchangeBytes(socketPath, command);
        try
        {
            using var document = JsonDocument.Parse(response);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                throw new ControlSocketException($"the server at {socketPath} answered: {error}");
            }

            return document.Deserialize(type)
                ?? throw new ControlSocketException($"the server at {socketPath} answered null");
        }
        catch (JsonException e)
        {
            throw new ControlSocketException($"unreadable answer from {socketPath}: {e.Message}", e);
        }
    }

    /// <summary>Sends one command line and returns the answer line, newline included.</summary>
    internal static string Exchange(string socketPath, string command) => Encoding.UTF8.GetString(ExchangeBytes(socketPath, command).Span);

    /// <summary>Sends one command line and returns the answer line's bytes, newline included (no text copy of a large answer).</summary>
    private static ReadOnlyMemory<byte> ExchangeBytes(string socketPath, string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.SendTimeout = socket.ReceiveTimeout = (int)Timeout.TotalMilliseconds;
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException e)
        {
            throw new ControlSocketException(ConnectFailure(socketPath, e.SocketErrorCode, e.Message), e);
        }

        try
        {
            socket.Send(Encoding.UTF8.GetBytes(command + "\n"));
            return ReadAnswer(socket);
        }
        catch (SocketException e)
        {
            throw new ControlSocketException($"control socket {socketPath}: {e.Message}", e);
        }
    }

    internal static string ConnectFailure(string socketPath, SocketError error, string reason) => error switch
    {
        SocketError.AddressNotAvailable => $"no control socket at {socketPath}: is 'meridian serve' running?",
        SocketError.ConnectionRefused => $"nothing listens on {socketPath}: is 'meridian serve' running?",
        SocketError.AccessDenied => $"permission denied on {socketPath}: run as root or a member of the socket's group",
        _ => $"cannot connect to {socketPath}: {reason}",
    };

    /// <summary>Reads up to the newline that ends the answer (or the end of the stream).</summary>
    private static ReadOnlyMemory<byte> ReadAnswer(Socket socket)
    {
        var answer = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int received;
        while ((received = socket.Receive(buffer)) > 0)
        {
            answer.Write(buffer, 0, received);
            if (buffer[received - 1] == (byte)'\n')
            {
                break;
            }

            if (answer.Length > MaxResponseBytes)
            {
                throw new SocketException((int)SocketError.MessageSize);
            }
        }

        return answer.GetBuffer().AsMemory(0, (int)answer.Length);
    }
}
