// A dashed edge program for sigma 3: the "ghost" edges (links the rules say are missing)
// must read as absent, not as declared. It is sigma's EdgeRectangleProgram with one more
// varying, the distance along the edge in screen pixels, and a fragment shader that drops
// every other stretch of it. Picking (hover/click) still uses the full rectangle.
// If sigma's shader text ever changes so that the patch does not apply, the plain rectangle
// program is used instead (edges then differ only by colour and opacity).
import type { Attributes } from 'graphology-types';
import { EdgeRectangleProgram } from 'sigma/rendering';
import type { RenderParams } from 'sigma/types';

const DASH = 7.0; // pixels drawn
const GAP = 5.0; // pixels skipped

type Definition = ReturnType<EdgeRectangleProgram['getDefinition']>;
type Info = Parameters<EdgeRectangleProgram['setUniforms']>[1];

function patchVertex(source: string): string | null {
  if (!source.includes('varying float v_feather;') || !source.includes('v_normal = unitNormal;')) return null;
  return source
    .replace('varying float v_feather;', 'varying float v_feather;\nvarying float v_along;\nuniform vec2 u_halfResolution;')
    .replace(
      'v_normal = unitNormal;',
      [
        'v_normal = unitNormal;',
        '  vec2 clipStart = (u_matrix * vec3(a_positionStart, 1)).xy;',
        '  vec2 clipEnd = (u_matrix * vec3(a_positionEnd, 1)).xy;',
        '  v_along = a_positionCoef * length((clipEnd - clipStart) * u_halfResolution);',
      ].join('\n'),
    );
}

function patchFragment(source: string): string | null {
  if (!source.includes('varying float v_feather;') || !source.includes('#else')) return null;
  return source
    .replace('varying float v_feather;', 'varying float v_feather;\nvarying float v_along;')
    .replace('#else', `#else\n  if (mod(v_along, ${(DASH + GAP).toFixed(1)}) > ${DASH.toFixed(1)}) discard;`);
}

export class EdgeDashedProgram<N extends Attributes = Attributes, E extends Attributes = Attributes, G extends Attributes = Attributes> extends EdgeRectangleProgram<N, E, G> {
  override getDefinition(): Definition {
    const base = super.getDefinition();
    const vertex = patchVertex(base.VERTEX_SHADER_SOURCE);
    const fragment = patchFragment(base.FRAGMENT_SHADER_SOURCE);
    if (!vertex || !fragment) return base;
    return {
      ...base,
      VERTEX_SHADER_SOURCE: vertex,
      FRAGMENT_SHADER_SOURCE: fragment,
      UNIFORMS: [...base.UNIFORMS, 'u_halfResolution'] as unknown as Definition['UNIFORMS'],
    };
  }

  override setUniforms(params: RenderParams, info: Info): void {
    super.setUniforms(params, info);
    const location = (info.uniformLocations as Record<string, WebGLUniformLocation | undefined>).u_halfResolution;
    if (location) info.gl.uniform2f(location, (params.width * params.pixelRatio) / 2, (params.height * params.pixelRatio) / 2);
  }
}
