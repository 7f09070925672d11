namespace Meridian.Net.Nts;

/// <summary>Why an NTS-KE exchange gave no keys and cookies, or <see cref="None"/>.</summary>
public enum NtsKeFailure
{
    None,

    /// <summary>The host name did not resolve.</summary>
    Resolve,

    /// <summary>The TCP connection was refused or failed.</summary>
    Connect,

    /// <summary>The server did not finish within the timeout.</summary>
    Timeout,

    /// <summary>The server's certificate is not trusted, or not for this host name.</summary>
    Certificate,

    /// <summary>The server did not agree to ALPN <c>ntske/1</c>.</summary>
    Alpn,

    /// <summary>Any other TLS failure (no TLS 1.3, an alert, bad records).</summary>
    Tls,

    /// <summary>The server's NTS-KE response gives nothing to use (<see cref="NtsKeResult.ResponseProblem"/>).</summary>
    Response,
}
