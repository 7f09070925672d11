using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Meridian.Control;

/// <summary>
/// The control socket: a Unix domain stream socket whose file mode (0660) decides who may connect.
/// Each connection sends one command line and gets one JSON document and a newline back. One
/// background thread answers connections in turn; a silent client holds it at most <see cref="ClientTimeout"/>.
/// </summary>
public sealed class ControlServer : IDisposable
{
    public const int MaxCommandBytes = 64;

    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private const string UnknownCommand = """{"error":"unknown command"}""";

    private readonly Socket _listener;
    private readonly Func<StatusReport> _report;
    private readonly Func<int, ClientsReportDocument>? _clients;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private ControlServer(string socketPath, Socket listener, Func<StatusReport> report, Func<int, ClientsReportDocument>? clients)
    {
        _clients = clients;
        SocketPath = socketPath;
        _listener = listener;
        _report = report;
        _thread = new Thread(AcceptLoop) { IsBackground = true, Name = "meridian-control" };
    }

    public string SocketPath { get; }

    /// <summary>Answers <c>history</c> with a JSON document (the server's history); unknown command while null.</summary>
    public Func<string>? History { get; set; }

    /// <summary>Binds <paramref name="socketPath"/> and starts answering; throws <see cref="ControlSocketException"/> when it cannot.</summary>
    /// <param name="clients">Answers <c>clients N</c> (the abuse report, top N); null when there is none.</param>
    public static ControlServer Start(string socketPath, Func<StatusReport> report, Func<int, ClientsReportDocument>? clients = null)
    {
        var server = new ControlServer(socketPath, ControlSocketFile.Bind(socketPath), report, clients);
        server._thread.Start();
        return server;
    }

    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _listener.Dispose();
        _thread.Join(ClientTimeout + TimeSpan.FromSeconds(1));
        ControlSocketFile.Delete(SocketPath);
    }

    private void AcceptLoop()
    {
        while (!_stopping)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception e) when (e is ObjectDisposedException || (_stopping && e is SocketException))
            {
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(AcceptRetryDelay); // out of descriptors or a similar passing failure: no busy loop
                continue;
            }

            using (client)
            {
                Answer(client);
            }
        }
    }

    private void Answer(Socket client)
    {
        try
        {
            client.SendTimeout = (int)ClientTimeout.TotalMilliseconds;
            string? command = ReadCommand(client, ClientTimeout);
            if (command is not null)
            {
                client.Send(Encoding.UTF8.GetBytes(Respond(command) + "\n"));
                client.Shutdown(SocketShutdown.Both);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away or was too slow to read: nothing to answer.
        }
    }

    private string Respond(string command)
    {
        string[] words = command.Split(' ', 2);
        try
        {
            return words[0] switch
            {
                "status" or "peers" when words.Length == 1 => JsonSerializer.Serialize(_report(), ControlJson.Compact),
                "clients" when _clients is not null && TryTop(words, out int top) => JsonSerializer.Serialize(_clients(top), ControlJson.Compact),
                "history" when History is not null && words.Length == 1 => History(),
                _ => UnknownCommand,
            };
        }
        catch (Exception e)
        {
            // No exception escapes the accept loop, not even a failing report.
            return ControlJson.Error($"status unavailable: {e.Message}");
        }
    }

    /// <summary><c>clients</c> or <c>clients N</c> (1 to 100 000; default 20).</summary>
    private static bool TryTop(string[] words, out int top)
    {
        top = 20;
        return words.Length == 1 || (int.TryParse(words[1], out top) && top is >= 1 and <= 100_000);
    }

    /// <summary>
    /// Reads one line of at most <see cref="MaxCommandBytes"/> bytes within <paramref name="timeout"/>
    /// in total; null when the client sent no line in time or closed without a byte. End of stream ends the line.
    /// </summary>
    private static string? ReadCommand(Socket client, TimeSpan timeout)
    {
        Span<byte> line = stackalloc byte[MaxCommandBytes];
        int length = 0;
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (length < line.Length)
        {
            long remaining = deadline - Environment.TickCount64;
            if (remaining <= 0 || !client.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
            {
                return null;
            }

            int received = client.Receive(line[length..]);
            if (received == 0 && length == 0)
            {
                return null;
            }

            int newline = line.Slice(length, received).IndexOf((byte)'\n');
            if (received == 0 || newline >= 0)
            {
                length += received == 0 ? 0 : newline;
                return Encoding.UTF8.GetString(line[..length]).Trim();
            }

            length += received;
        }

        return ""; // longer than any command: answered as unknown
    }
}
