// The skin's swelling (oedema) from the healing buffer, for the skin pass's vertex
// and fragment stages. Needs `healing` (NS_HEALING_STRIDE texels per column; the
// third holds (W, O)) and `scene` (SkinStatic). docs/healing-model.md, "Oedema".

// O of column `c` of a grid of `cells`, 0 outside it.
float oedemaOf(ivec2 c, ivec2 cells) {
  if (any(lessThan(c, ivec2(0))) || any(greaterThanEqual(c, cells))) return 0.0;
  return texelFetch(healing, NS_HEALING_STRIDE * (c.y * cells.x + c.x) + 2).y;
}

// The rise of the skin (mm) at `at` (in columns, from the grid's corner), bilinear
// between column centres: swelling_full_mm × (1 − e^(−O)), as the report's
// healing.swelling_mm_max.
float swellingAt_mm(vec2 at, ivec2 cells) {
  vec2 q = at - 0.5;
  ivec2 c = ivec2(floor(q));
  vec2 f = q - vec2(c);
  float o = mix(mix(oedemaOf(c, cells), oedemaOf(c + ivec2(1, 0), cells), f.x),
                mix(oedemaOf(c + ivec2(0, 1), cells), oedemaOf(c + ivec2(1, 1), cells), f.x), f.y);
  return scene.swellingFull_mm * (1.0 - exp(-max(o, 0.0)));
}
