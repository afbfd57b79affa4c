using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// A device key function: resolves <see cref="ResolveContext.Key"/> of <paramref name="base"/> given the
/// <paramref name="request"/>. Handlers and defaults share the signature and read the key from the context.
/// </summary>
public delegate ValueTask<ResolveResult> DeviceFunction(Message @base, Message request, ResolveContext context);
