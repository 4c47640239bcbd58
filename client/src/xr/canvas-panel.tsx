/**
 * A flat panel in the world whose face is a canvas texture. It redraws only when `content` (a
 * string summarising what is drawn) or its hover state changes, never per frame. With `onPress`
 * it is a button for @react-three/xr's pointers: controller ray + trigger, hand ray + pinch, or a
 * poke, all arrive as `onClick` on the mesh.
 */
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { CanvasTexture, LinearMipmapLinearFilter, SRGBColorSpace } from 'three';
import { PX_PER_METRE } from './panel-text.js';

export type PanelDraw = (ctx: CanvasRenderingContext2D, w: number, h: number, hover: boolean) => void;

export interface CanvasPanelProps {
  /** Object name: tests and hooks find panels by it. */
  name: string;
  width: number;
  height: number;
  position?: [number, number, number];
  rotation?: [number, number, number];
  /** Changes whenever the drawing would change; the texture is redrawn then and only then. */
  content: string;
  draw: PanelDraw;
  onPress?: () => void;
}

export function CanvasPanel({ name, width, height, position, rotation, content, draw, onPress }: CanvasPanelProps) {
  const gl = useThree((s) => s.gl);
  const [hover, setHover] = useState(false);
  const { canvas, ctx, texture } = useMemo(() => {
    const c = document.createElement('canvas');
    c.width = Math.round(width * PX_PER_METRE);
    c.height = Math.round(height * PX_PER_METRE);
    const context = c.getContext('2d');
    if (!context) throw new Error('2D canvas unavailable for an XR panel');
    const tex = new CanvasTexture(c);
    tex.colorSpace = SRGBColorSpace;
    // Mipmaps + anisotropy keep small text readable when the panel is seen at an angle.
    tex.minFilter = LinearMipmapLinearFilter;
    tex.anisotropy = gl.capabilities.getMaxAnisotropy();
    return { canvas: c, ctx: context, texture: tex };
  }, [width, height, gl]);

  useEffect(() => () => texture.dispose(), [texture]);

  useEffect(() => {
    draw(ctx, canvas.width, canvas.height, hover);
    texture.needsUpdate = true;
    // `draw` is a new closure each render; `content` says when its output changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [content, hover, ctx, canvas, texture]);

  const press = onPress
    ? (e: ThreeEvent<MouseEvent>) => {
        e.stopPropagation();
        onPress();
      }
    : undefined;

  return (
    <mesh
      name={name}
      position={position}
      rotation={rotation}
      onClick={press}
      onPointerOver={onPress ? () => setHover(true) : undefined}
      onPointerOut={onPress ? () => setHover(false) : undefined}
    >
      <planeGeometry args={[width, height]} />
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}
