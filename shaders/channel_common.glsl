// Shared by channel_stamp.comp and its C++ twin (engine/sim/channel_stamp.cpp, which
// spells out the same arithmetic): how much of a cell a channel covers.

float segmentDistance(vec3 p, vec3 a, vec3 axis, float len) {
  float s = clamp(dot(p - a, axis), 0.0, len);
  return length(p - (a + axis * s));
}

// Inside the capsule swept along `drag`: the capsule at four points of the sweep.
bool insideChannel(vec3 p, ChannelStampGpu c) {
  for (int k = 0; k < 4; ++k) {
    vec3 offset = c.drag.xyz * (float(k) / 3.0);
    if (segmentDistance(p - offset, c.entryAndRadius.xyz, c.axisAndLength.xyz, c.axisAndLength.w) <=
        c.entryAndRadius.w)
      return true;
  }
  return false;
}

// First cell of the channel's bounding box (what the box of cells is counted from).
ivec3 channelBoxOrigin(ChannelStampGpu c, vec3 spacing) {
  vec3 a = c.entryAndRadius.xyz, b = a + c.axisAndLength.xyz * c.axisAndLength.w;
  vec3 lo = min(min(a, b), min(a + c.drag.xyz, b + c.drag.xyz)) - vec3(c.entryAndRadius.w);
  return ivec3(floor(lo / spacing));
}
