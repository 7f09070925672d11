using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Meridian.Control;

/// <summary>
/// The control socket: a Unix domain stream socket whose file mode (0660) decides who may connect.
/// Each connection sends one command line and gets one JSON document and a newline back. Connections
/// are served concurrently (asynchronously: an idle one holds no thread): each has
/// <see cref="ClientTimeout"/> to send its command and <see cref="AnswerTimeout"/> to read the answer,
/// then it is closed, so no client, silent or slow, delays another. At most
/// <see cref="MaxConnections"/> are open at once; a connection beyond that is closed at once.
/// Reports are built one at a time, so concurrent clients cannot multiply the memory a report needs.
/// </summary>
public sealed class ControlServer : IDisposable
{
    public const int MaxCommandBytes = 64;

    public const int MaxConnections = 256;

    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a client may take to read the whole answer (the largest, <c>clients 100000</c>, is tens of MB).</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private static readonly string UnknownCommand = ControlJson.Error("unknown command");

    private static readonly byte[] Newline = "\n"u8.ToArray();

    private readonly Socket _listener;
    private readonly Func<StatusReport> _report;
    private readonly Func<int, ClientsReportDocument>? _clients;
    private readonly Func<ReloadReport>? _reload;
    private readonly TimeSpan _clientTimeout;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _reporting = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _open;
    private volatile bool _stopping;

    private ControlServer(string socketPath, Socket listener, Func<StatusReport> report, Func<int, ClientsReportDocument>? clients, Func<ReloadReport>? reload, TimeSpan clientTimeout)
    {
        _clients = clients;
        _reload = reload;
        SocketPath = socketPath;
        _listener = listener;
        _report = report;
        _clientTimeout = clientTimeout;
        _thread = new Thread(AcceptLoop) { IsBackground = true, Name = "meridian-control" };
    }

    public string SocketPath { get; }

    /// <summary>Connections being served now.</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Answers <c>history</c> with a JSON document (the server's history); unknown command while null.</summary>
    public Func<string>? History { get; set; }

    /// <summary>Binds <paramref name="socketPath"/> and starts answering; throws <see cref="ControlSocketException"/> when it cannot.</summary>
    /// <param name="clients">Answers <c>clients N</c> (the abuse report, top N); null when there is none.</param>
    /// <param name="reload">Answers <c>reload</c> (re-read the configuration); null when there is none.</param>
    public static ControlServer Start(string socketPath, Func<StatusReport> report, Func<int, ClientsReportDocument>? clients = null, Func<ReloadReport>? reload = null) =>
        Start(socketPath, report, clients, ClientTimeout, reload);

    /// <summary>As <see cref="Start(string, Func{StatusReport}, Func{int, ClientsReportDocument}?, Func{ReloadReport}?)"/>, with the time each client has to send its command.</summary>
    internal static ControlServer Start(string socketPath, Func<StatusReport> report, Func<int, ClientsReportDocument>? clients, TimeSpan clientTimeout, Func<ReloadReport>? reload = null)
    {
        var server = new ControlServer(socketPath, ControlSocketFile.Bind(socketPath), report, clients, reload, clientTimeout);
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
        _stop.Cancel();
        _listener.Dispose();
        _thread.Join(TimeSpan.FromSeconds(1));
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

            if (Interlocked.Increment(ref _open) > MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                client.Dispose();
                continue;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        try
        {
            using (client)
            {
                await AnswerAsync(client).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client went away, was too slow, or the server is stopping: nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        string? command;
        using (var reading = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token))
        {
            reading.CancelAfter(_clientTimeout);
            command = await ReadCommandAsync(client, reading.Token).ConfigureAwait(false);
        }

        if (command is null)
        {
            return;
        }

        using var answering = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        answering.CancelAfter(AnswerTimeout);
        object answer;
        await _reporting.WaitAsync(answering.Token).ConfigureAwait(false);
        try
        {
            answer = Answer(command);
        }
        finally
        {
            _reporting.Release();
        }

        await WriteAsync(client, answer, answering.Token).ConfigureAwait(false);
        client.Shutdown(SocketShutdown.Both);
    }

    /// <summary>Writes the answer and its newline; a document is serialized straight to the socket.</summary>
    private static async Task WriteAsync(Socket client, object answer, CancellationToken cancel)
    {
        await using var stream = new NetworkStream(client, ownsSocket: false);
        if (answer is string error)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(error), cancel).ConfigureAwait(false);
        }
        else
        {
            await JsonSerializer.SerializeAsync(stream, answer, ControlJson.Compact.GetTypeInfo(answer.GetType()), cancel).ConfigureAwait(false);
        }

        await stream.WriteAsync(Newline, cancel).ConfigureAwait(false);
    }

    /// <summary>The document to answer (serialized straight to the socket afterwards, never copied whole), or an error's JSON text.</summary>
    private object Answer(string command)
    {
        string[] words = command.Split(' ', 2);
        try
        {
            return words[0] switch
            {
                "status" or "peers" when words.Length == 1 => _report(),
                "clients" when _clients is not null && TryTop(words, out int top) => _clients(top),
                "reload" when _reload is not null && words.Length == 1 => _reload(),
                "history" when History is not null && words.Length == 1 => History(),
                _ => UnknownCommand,
            };
        }
        catch (Exception e)
        {
            // No exception escapes a connection, not even a failing report.
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
    /// Reads one line of at most <see cref="MaxCommandBytes"/> bytes before <paramref name="cancel"/>
    /// fires; null when the client closed without a byte. End of stream ends the line.
    /// </summary>
    private static async Task<string?> ReadCommandAsync(Socket client, CancellationToken cancel)
    {
        byte[] line = new byte[MaxCommandBytes];
        int length = 0;
        while (length < line.Length)
        {
            int received = await client.ReceiveAsync(line.AsMemory(length), SocketFlags.None, cancel).ConfigureAwait(false);
            if (received == 0 && length == 0)
            {
                return null;
            }

            int newline = Array.IndexOf(line, (byte)'\n', length, received);
            if (received == 0 || newline >= 0)
            {
                length = received == 0 ? length : newline;
                return Encoding.UTF8.GetString(line, 0, length).Trim();
            }

            length += received;
        }

        return ""; // longer than any command: answered as unknown
    }
}
