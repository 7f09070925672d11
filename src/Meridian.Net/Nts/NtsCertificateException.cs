namespace Meridian.Net.Nts;

/// <summary>A certificate or key file that cannot serve NTS-KE; the message names the file and the reason.</summary>
public sealed class NtsCertificateException(string message) : Exception(message);
