using System.Net;
using System.Net.Sockets;

namespace MedScribe.Grains.Webhooks;

/// <summary>
/// The SSRF guard. Webhook targets are resolved when each attempt connects, and the connection is made
/// only to public addresses: a name that resolves to an address of the IANA special-purpose registries
/// (private, loopback, link-local, carrier-grade NAT, documentation, benchmarking, IPv4-compatible and other
/// transition forms, unique local, multicast) or a cloud-metadata address is refused, so re-pointing DNS after
/// registration gains nothing. Names are judged without their trailing dot ("localhost." is localhost), and the
/// well-known metadata names are refused before any lookup.
/// </summary>
public sealed class WebhookTargetGuard(bool allowPrivateTargets, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    /// <summary>Names of cloud metadata services (and single-label names, which no public target has).</summary>
    private static readonly string[] MetadataNames =
    [
        "metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.com",
        "metadata.tencentyun.com", "metadata.platformequinix.com",
    ];

    /// <summary>Special-use domain suffixes (RFC 6761 and its registry, ICANN's .internal) that never name a public host.</summary>
    private static readonly string[] PrivateSuffixes = [".localhost", ".local", ".internal", ".invalid", ".test", ".onion", ".home.arpa", ".intranet", ".lan"];

    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? ((host, token) => Dns.GetHostAddressesAsync(host, token));

    /// <summary>Connects an HTTP connection for <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = Normalize(context.DnsEndPoint.Host);
        if (!allowPrivateTargets && NameProblem(host) is { } problem)
        {
            throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host}: {problem}; webhooks are sent only to public addresses.");
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolve(host, cancellationToken);
        if (!allowPrivateTargets && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException($"{host} resolves to {refused}, which is not a public address; webhooks are sent only to public addresses.");
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>
    /// Why a target cannot be registered, or null. Catches what is visible without DNS (scheme, literal
    /// private addresses, localhost); the address check at connect time catches the rest.
    /// </summary>
    public static string? Check(Uri url, bool requireHttps, bool allowPrivateTargets)
    {
        if (url.Scheme != Uri.UriSchemeHttps && (requireHttps || url.Scheme != Uri.UriSchemeHttp))
        {
            return requireHttps ? "url must use https." : "url must use https or http.";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "url must not carry credentials.";
        }

        if (allowPrivateTargets)
        {
            return null;
        }

        var host = Normalize(url.IdnHost);
        if (NameProblem(host) is { } problem)
        {
            return $"url must not point at {problem}.";
        }

        return IPAddress.TryParse(host, out var address) && !IsPublic(address)
            ? $"url must not point at {address}, which is not a public address."
            : null;
    }

    /// <summary>A host without brackets and trailing dots, lower case: "LOCALHOST." is "localhost", "[::1]" is "::1".</summary>
    public static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>Why a (normalised) name is never a public target: localhost, a metadata name, a special-use or single-label name.</summary>
    private static string? NameProblem(string host)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return null;
        }

        if (host is "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return "localhost";
        }

        if (MetadataNames.Contains(host))
        {
            return $"{host}, a cloud metadata service";
        }

        if (PrivateSuffixes.FirstOrDefault(host.EndsWith) is { } suffix)
        {
            return $"{host}, a special-use name ({suffix}) that is never public";
        }

        return host.Contains('.') ? null : $"{host}, a single-label name that is never public";
    }

    /// <summary>True for addresses on the public internet: none of the IANA special-purpose ranges of either family.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var length);
        if (length == 4)
        {
            return !(b[0] is 0 or 10 or 127 or >= 224 // this network, private, loopback, multicast, reserved and broadcast
                || b[0] == 100 && (b[1] & 0xC0) == 64 // carrier-grade NAT (and Alibaba's metadata address)
                || b[0] == 169 && b[1] == 254 // link-local, with the cloud metadata address 169.254.169.254
                || b[0] == 172 && (b[1] & 0xF0) == 16
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2 // IETF protocol assignments, TEST-NET-1
                || b[0] == 192 && b[1] == 88 && b[2] == 99 // the deprecated 6to4 relay anycast
                || b[0] == 198 && (b[1] & 0xFE) == 18 // benchmarking
                || b[0] == 198 && b[1] == 51 && b[2] == 100 // TEST-NET-2
                || b[0] == 203 && b[1] == 0 && b[2] == 113); // TEST-NET-3
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC // unique local, with fd00:ec2::254 (AWS metadata)
            || b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 // documentation 2001:db8::/32
            || b[0] == 0x3F && b[1] == 0xFF && (b[2] & 0xF0) == 0 // documentation 3fff::/20
            || b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFE) == 0 // IETF protocol assignments 2001::/23 (Teredo, benchmarking, ORCHID)
            || b[0] == 0x01 && b[1] == 0 && b[2..8].IndexOfAnyExcept((byte)0) < 0 // discard-only 100::/64
            || b[0] == 0x5F && b[1] == 0 // SRv6 SIDs 5f00::/16
            || b[..6].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 1])) // local-use NAT64 64:ff9b:1::/48
        {
            return false;
        }

        // ::/96, the deprecated IPv4-compatible form (::127.0.0.1), and ::ffff:0:0:0/96 (IPv4-translated): never public.
        if (b[..12].IndexOfAnyExcept((byte)0) < 0 || b[..8].IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xFF && b[9] == 0xFF && b[10] == 0 && b[11] == 0)
        {
            return false;
        }

        // NAT64 (64:ff9b::/96) embeds an IPv4 address, and 6to4 (2002::/16) one after its prefix: judge that one.
        if (b[..12].SequenceEqual((ReadOnlySpan<byte>)[0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return IsPublic(new IPAddress(b[12..16]));
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublic(new IPAddress(b[2..6]));
        }

        return true;
    }
}

/// <summary>An attempt refused by the SSRF guard.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);
