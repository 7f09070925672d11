using System.Net.Sockets;
using System.Text.Json;
using Meridian.Core.Serving;

namespace Meridian.LoadGen;

/// <summary>
/// The server's own transmit-timestamp errors (kernel TX − T3, <c>meridian status</c>: transmit error),
/// read over its control socket before and after a step, so a step reports the errors of its own replies.
/// </summary>
internal static class ServerStatus
{
    public static TransmitErrorSummary TransmitErrors(string controlSocket)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 5000, SendTimeout = 5000 };
        socket.Connect(new UnixDomainSocketEndPoint(controlSocket));
        socket.Send("status\n"u8);
        using var answer = new MemoryStream();
        byte[] buffer = new byte[65536];
        int read;
        while ((read = socket.Receive(buffer)) > 0)
        {
            answer.Write(buffer, 0, read);
            if (buffer[read - 1] == (byte)'\n')
            {
                break;
            }
        }

        using var document = JsonDocument.Parse(answer.ToArray());
        JsonElement errors = document.RootElement.GetProperty("counters").GetProperty("transmitErrors");
        return new TransmitErrorSummary(
            errors.GetProperty("count").GetInt64(),
            errors.GetProperty("sumNanoseconds").GetInt64(),
            errors.GetProperty("maxNanoseconds").GetInt64(),
            errors.GetProperty("buckets").EnumerateArray().Select(b => b.GetInt64()).ToArray());
    }

    public static string Format(TransmitErrorSummary? step) => step is null
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{"-",10} {"-",9}")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{step.MeanMicroseconds,10:0.00} {step.QuantileMicroseconds(0.99),9:0.#}");
}
