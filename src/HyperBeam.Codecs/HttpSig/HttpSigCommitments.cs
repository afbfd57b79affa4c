using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Wallets;
using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;
using static HyperBeam.Codecs.HttpSig.MessageKeysOf;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// httpsig@1.0 commitments: RSA-PSS-SHA512 signatures per RFC 9421 and the HMAC commitment that restates a
/// message's ID. A message carries them under <c>commitments</c>, keyed by commitment ID (SHA-256 of the signature,
/// or the HMAC itself).
/// </summary>
public static class HttpSigCommitments
{
    private static readonly HashSet<string> RequestOnlyComponents =
        ["@target-uri", "@authority", "@scheme", "@request-target", "@query", "@query-param", "@status"];

    /// <summary>
    /// Builds commitments from <c>signature</c> / <c>signature-input</c> headers. The HMAC commitment is added on the
    /// rich message afterwards (<see cref="ResetHmac"/>), since it is computed from the message's typed form.
    /// </summary>
    public static Message FromSignatureHeaders(
        Message tabm, IReadOnlyList<KeyValuePair<string, AoValue>> hashpaths, string signatureHeader, string signatureInputHeader)
    {
        var signatures = ParseDictionary(signatureHeader, Signature);
        var inputs = ParseDictionary(signatureInputHeader, SignatureInput);
        var commitments = new MessageBuilder();
        foreach (var (name, member) in signatures)
        {
            if (member is not SfItem { Value: SfByteSequence raw })
                throw new CodecException($"signature '{name}' is not a byte sequence");
            if (!inputs.TryGet(name, out var input) || input is not SfInnerList list)
                throw new CodecException($"signature '{name}' has no signature-input");
            var alg = StringParam(list.Parameters, "alg") ?? throw new CodecException($"signature-input '{name}' has no alg");
            var keyId = StringParam(list.Parameters, "keyid") ?? throw new CodecException($"signature-input '{name}' has no keyid");
            var commitment = new MessageBuilder()
                .Set(CommitmentDevice, HttpSigCodec.Name)
                .Set(Alg, alg)
                .Set(Signature, SerializedAndRemembered(Single(name, member)))
                .Set(SignatureInput, SerializedAndRemembered(Single(name, list)));
            if (alg == RsaPssSha512) commitment.Set(Committer, AddressOfKey(keyId));
            foreach (var component in list.Items)
                if (component.Value is SfString { Value: var c } && c.StartsWith("hashpath", StringComparison.Ordinal))
                    commitment.Set(c, hashpaths.FirstOrDefault(h => h.Key == c).Value ?? AoBinary.Empty);
            commitments.Set(Base64Url.Encode(SHA256.HashData(raw.Value)), commitment.Build());
        }
        return tabm.Set(Commitments, commitments.Build());
    }

    /// <summary>
    /// Replaces the HMAC commitment with one recomputed over the keys the signatures cover, carrying every
    /// signature and signature-input so the HTTP form can be rebuilt from the commitments alone.
    /// </summary>
    public static Message ResetHmac(Message message)
    {
        // Only httpsig signatures travel as signature headers; another device's commitment (an ANS-104 item's) stays
        // under commitments as it is.
        var kept = SignedCommitments(message);
        var signed = kept.Where(c => c.Value.GetText(CommitmentDevice) is null or HttpSigCodec.Name).ToList();
        var hmac = new MessageBuilder().Set(CommitmentDevice, HttpSigCodec.Name).Set(Alg, HmacAlg);
        var inputs = signed.Count == 1 ? OneSignature(signed[0].Value, hmac) : AllSignatures(signed, hmac);
        IEnumerable<string>? keys = null;
        if (inputs is not null)
        {
            // RFC 9421 components computed from the request itself (@authority, @query, …) are no keys of the message.
            keys = ((SfInnerList)inputs).Items.Select(i => ((SfString)i.Value).Value)
                .Where(k => !RequestOnlyComponents.Contains(k) || message.ContainsKey(k[1..])).ToList();
        }
        var id = MessageIds.HmacId(message, keys);
        var commitments = new MessageBuilder();
        foreach (var (cid, c) in kept) commitments.Set(cid, c);
        commitments.Set(id, hmac.Build());
        return message.Set(Commitments, commitments.Build());
    }

    /// <summary>
    /// Every signature and signature-input of <paramref name="signed"/>, merged by name in name order, onto the HMAC
    /// commitment; the first input by name (whose components the HMAC covers), or null when there is none.
    /// </summary>
    private static SfMember? AllSignatures(List<KeyValuePair<string, Message>> signed, MessageBuilder hmac)
    {
        var allSignatures = new SortedDictionary<string, SfMember>(StringComparer.Ordinal);
        var allInputs = new SortedDictionary<string, SfMember>(StringComparer.Ordinal);
        foreach (var (_, commitment) in signed)
        {
            foreach (var (name, member) in ParseDictionary(commitment.GetText(Signature) ?? "", Signature)) allSignatures[name] = member;
            foreach (var (name, member) in ParseDictionary(commitment.GetText(SignatureInput) ?? "", SignatureInput)) allInputs[name] = member;
        }
        if (allInputs.Count == 0) return null;
        hmac.Set(Signature, StructuredFieldSerializer.SerializeDictionary(new SfDictionary(allSignatures), StructuredFieldDialect.HyperBeam));
        hmac.Set(SignatureInput, StructuredFieldSerializer.SerializeDictionary(new SfDictionary(allInputs), StructuredFieldDialect.HyperBeam));
        return allInputs.First().Value;
    }

    /// <summary>
    /// <see cref="AllSignatures"/> for the usual single signature: a dictionary of at most one member is already in
    /// name order, so the commitment's own dictionaries are serialized (the same text when this thread serialized
    /// them to build the commitment), and a text that is the commitment's own value is restated as that value.
    /// </summary>
    private static SfMember? OneSignature(Message commitment, MessageBuilder hmac)
    {
        var signatures = ParseDictionary(commitment.GetText(Signature) ?? "", Signature);
        var inputs = ParseDictionary(commitment.GetText(SignatureInput) ?? "", SignatureInput);
        if (signatures.Count > 1 || inputs.Count > 1) return AllSignatures([new("", commitment)], hmac);
        if (inputs.Count == 0) return null;
        hmac.Set(Signature, Restated(commitment, Signature, StructuredFieldSerializer.SerializeDictionary(signatures, StructuredFieldDialect.HyperBeam)));
        hmac.Set(SignatureInput, Restated(commitment, SignatureInput, StructuredFieldSerializer.SerializeDictionary(inputs, StructuredFieldDialect.HyperBeam)));
        return inputs[0].Value;
    }

    private static AoValue Restated(Message commitment, string key, string text) =>
        commitment.Get(key) is AoBinary own && ReferenceEquals(own.Text, text) ? own : AoBinary.FromString(text);

    /// <summary>A commitment's text for a dictionary just parsed from a header, which reading it back will not parse again.</summary>
    private static string SerializedAndRemembered(SfDictionary dictionary)
    {
        var text = StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam);
        RecentDictionaries.Remember(text, dictionary);
        return text;
    }

    /// <summary>Addresses of the signers of the message.</summary>
    public static IReadOnlyList<string> Committers(Message message) =>
        SignedCommitments(message).Select(c => c.Value.GetText(Committer)).OfType<string>().Distinct().ToList();

    /// <summary>
    /// Verifies the selected commitments (all when <paramref name="commitmentIds"/> is null). Unknown IDs, unknown
    /// algorithms and malformed commitments verify as false, never throw.
    /// </summary>
    public static bool Verify(Message message, IEnumerable<string>? commitmentIds = null)
    {
        if (message.Get(Commitments) is not Message commitments) return commitmentIds is null;
        var ids = commitmentIds?.ToList() ?? commitments.Keys.ToList();
        if (ids.Count == 0) return true;
        foreach (var id in ids)
        {
            if (commitments.Get(id) is not Message commitment) return false;
            try
            {
                if (!VerifyOne(message, id, commitment)) return false;
            }
            catch (Exception e) when (e is FormatException or CryptographicException or InvalidCastException or ArgumentException)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The keys every selected signature covers (all signatures when <paramref name="commitmentIds"/> is null).</summary>
    public static IReadOnlyList<string> Committed(Message message, IEnumerable<string>? commitmentIds = null) =>
        CommittedKeys.OfAll(message, commitmentIds);

    /// <summary>
    /// Signs the message with RSA-PSS-SHA512 over every key of its httpsig encoding (RFC 9421), adds the commitment
    /// (ID = SHA-256 of the signature) and recomputes the HMAC commitment. A hashpath in the message's private part
    /// travels in the signature's <c>tag</c> parameter.
    /// </summary>
    public static Message Commit(Message message, Wallet wallet)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        var encoded = EncodedForSignature(message);
        var components = SignatureBase.SigningComponentIdentifiers(encoded.Keys);
        var parameters = new List<KeyValuePair<string, string>> { new("alg", RsaPssSha512), new("keyid", Base64Url.Encode(wallet.PublicKey.Span)) };
        if (message.Priv.GetText("hashpath") is { } hashpath) parameters.Add(new("tag", hashpath));
        var paramsLine = SignatureBase.ParamsLine(components, parameters);
        var signature = wallet.Sign(SignatureBase.Build(encoded, components, paramsLine), HashAlgorithmName.SHA512);
        var name = SignatureName.ForAddress(wallet.Address);
        var commitment = new MessageBuilder()
            .Set(CommitmentDevice, HttpSigCodec.Name)
            .Set(Alg, RsaPssSha512)
            .Set(Committer, wallet.Address)
            .Set(Signature, StructuredFieldSerializer.SerializeDictionary(
                Single(name, new SfItem(new SfByteSequence(signature))), StructuredFieldDialect.HyperBeam))
            .Set(SignatureInput, name + "=" + paramsLine)
            .Build();
        var existing = message.Get(Commitments) as Message ?? Message.Empty;
        return ResetHmac(message.Set(Commitments, existing.Set(Base64Url.Encode(SHA256.HashData(signature)), commitment)));
    }

    private static bool VerifyOne(Message message, string id, Message commitment)
    {
        var alg = commitment.GetText(Alg);
        if (alg == HmacAlg) return HmacIdOf(ResetHmac(message)) == id;
        if (alg != RsaPssSha512) return false;
        var inputs = ParseDictionary(commitment.GetText(SignatureInput) ?? "", SignatureInput);
        var signatures = ParseDictionary(commitment.GetText(Signature) ?? "", Signature);
        if (inputs.Count != 1 || signatures.Count != 1) return false;
        var (name, input) = inputs[0];
        if (input is not SfInnerList list || !signatures.TryGet(name, out var sigMember) || sigMember is not SfItem { Value: SfByteSequence sig })
            return false;
        if (Base64Url.Encode(SHA256.HashData(sig.Value)) != id) return false;
        var keyId = StringParam(list.Parameters, "keyid");
        if (keyId is null || StringParam(list.Parameters, "alg") != RsaPssSha512) return false;
        if (!SignerKeys.TryRead(keyId, out var modulus, out var address)) return false;
        if (commitment.GetText(Committer) is { } committer && committer != address) return false;

        // Any PSS salt length, as HyperBEAM accepts: RFC 9421 signers such as Node's default use the maximum, not the
        // hash length that .NET's RSASignaturePadding.Pss alone would require.
        var encoded = EncodedForSignature(message);
        if (HyperBeamBase(encoded, list) is { } hyperBeamBase && Wallet.Verify(modulus, hyperBeamBase, sig.Value, HashAlgorithmName.SHA512))
            return true;
        // Then RFC 9421 as received: parameters in their order (unknown ones kept), derived components from the request.
        return Rfc9421SignatureBase.Build(message, encoded, commitment, list) is { } rfcBase
            && Wallet.Verify(modulus, rfcBase, sig.Value, HashAlgorithmName.SHA512);
    }

    /// <summary>HyperBEAM's dialect: parameters sorted by name, derived components named without their <c>@</c>.</summary>
    private static byte[]? HyperBeamBase(Message encoded, SfInnerList list)
    {
        if (list.Items.Any(i => i.Parameters.Count > 0 || i.Value is not SfString)) return null;
        var components = list.Items.Select(i => ((SfString)i.Value).Value).ToList();
        try
        {
            return SignatureBase.Build(encoded, components, SignatureBase.ParamsLine(components, list.Parameters));
        }
        catch (CodecException)
        {
            return null; // a component the message does not hold by that name (@authority, say): not HyperBEAM's dialect
        }
    }

    /// <summary>
    /// True when the commitment's signature covers the whole request target, query included: RFC 9421's
    /// <c>@query</c>, <c>@request-target</c> or <c>@target-uri</c>, or a <c>path</c> signed in HyperBEAM's dialect
    /// (whose line is the raw target). RFC 9421's <c>@path</c> alone leaves the query out.
    /// </summary>
    public static bool CoversRequestTarget(Message message, string id, Message commitment)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(commitment);
        if (commitment.GetText(Alg) != RsaPssSha512) return false;
        SfDictionary inputs;
        try
        {
            inputs = ParseDictionary(commitment.GetText(SignatureInput) ?? "", SignatureInput);
        }
        catch (CodecException)
        {
            return false;
        }
        if (inputs.Count != 1 || inputs[0].Value is not SfInnerList list) return false;
        var names = list.Items.Select(i => i.Value is SfString s ? s.Value : "").ToHashSet(StringComparer.Ordinal);
        if (names.Overlaps(["@query", "@request-target", "@target-uri"])) return true; // checked by Verify before anyone asks
        if (!names.Contains("@path") && !names.Contains("path")) return false;
        return VerifiesInHyperBeamDialect(message, commitment, list);
    }

    private static bool VerifiesInHyperBeamDialect(Message message, Message commitment, SfInnerList list)
    {
        var signatures = ParseDictionary(commitment.GetText(Signature) ?? "", Signature);
        if (signatures.Count != 1 || signatures[0].Value is not SfItem { Value: SfByteSequence sig }) return false;
        if (StringParam(list.Parameters, "keyid") is not { } keyId || !SignerKeys.TryRead(keyId, out var modulus, out _)) return false;
        try
        {
            return HyperBeamBase(EncodedForSignature(message), list) is { } hyperBeamBase
                && Wallet.Verify(modulus, hyperBeamBase, sig.Value, HashAlgorithmName.SHA512);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Records on each RSA commitment the authority and scheme the request was received with, for the RFC 9421
    /// components derived from them (<c>@authority</c>, <c>@scheme</c>, <c>@target-uri</c>), so the signature
    /// verifies again later (when the message is scheduled or stored) as it did at the door.
    /// </summary>
    public static Message WithReceivedTarget(Message message, string scheme, string? authority)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Get(Commitments) is not Message commitments) return message;
        var updated = commitments;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is not Message c || c.GetText(Alg) != RsaPssSha512 || c.GetText(SignatureInput) is not { } input) continue;
            if (!input.Contains("\"@authority\"", StringComparison.Ordinal) && !input.Contains("\"@scheme\"", StringComparison.Ordinal)
                && !input.Contains("\"@target-uri\"", StringComparison.Ordinal)) continue;
            var recorded = c.Set(Rfc9421SignatureBase.SchemeKey, scheme);
            if (authority is not null) recorded = recorded.Set(Rfc9421SignatureBase.AuthorityKey, authority);
            updated = updated.Set(id, recorded);
        }
        return ReferenceEquals(updated, commitments) ? message : message.Set(Commitments, updated);
    }

    /// <summary>The httpsig encoding a signature covers (no commitments, body replaced by its content-digest).</summary>
    internal static Message EncodedForSignature(Message message) => MessageIds.EncodedForSignature(message);

    private static string? HmacIdOf(Message message) =>
        (message.Get(Commitments) as Message)?.Entries.ToArray()
            .FirstOrDefault(e => e.Value is Message c && c.GetText(Alg) == HmacAlg).Key;

    private static List<KeyValuePair<string, Message>> SignedCommitments(Message message)
    {
        var list = new List<KeyValuePair<string, Message>>();
        if (message.Get(Commitments) is not Message commitments) return list;
        foreach (var (id, value) in commitments.Entries)
            if (value is Message c && c.GetText(Alg) != HmacAlg) list.Add(new(id, c));
        return list;
    }

    private static string AddressOfKey(string keyId)
    {
        if (!SignerKeys.TryRead(keyId, out _, out var address))
            throw new CodecException("signature-input keyid is not a base64url public key");
        return address;
    }

    private static SfDictionary ParseDictionary(string text, string what)
    {
        try
        {
            return RecentDictionaries.Parse(text);
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"{what} is not a structured-field dictionary: {e.Message}", e);
        }
    }

    private static SfDictionary Single(string name, SfMember member) => new([new(name, member)]);

    private static string? StringParam(SfParameters parameters, string name) =>
        parameters.TryGet(name, out var v) ? v switch { SfString s => s.Value, SfToken t => t.Value, _ => null } : null;
}
